using System.Net;
using System.Net.Sockets;
using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Twilio;

/// <summary>
/// An app configured for live Twilio at an address where nothing listens (a just-released loopback port), with
/// every request of the Twilio client counted.
/// </summary>
public sealed class UnreachableTwilioHost : IAsyncLifetime
{
    public AppHost App { get; private set; } = null!;
    public RequestCounter TwilioRequests { get; } = new();

    public async Task InitializeAsync()
    {
        App = await AppHost.StartAsync(options => options
            .With("Twilio:Live", "true")
            .With("App:PublicBaseUrl", "https://support.example.com/")
            .With("Twilio:ApiBaseUrl", $"http://127.0.0.1:{ClosedPort()}/")
            .With("Twilio:Timeout", "00:00:05")
            .ConfigureServices(services =>
                services.AddHttpClient(TwilioRestClients.HttpClientName).AddHttpMessageHandler(() => new CountingHandler(TwilioRequests))));
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public sealed class RequestCounter
    {
        private int count;
        public int Count => Volatile.Read(ref count);
        internal void Add() => Interlocked.Increment(ref count);
    }

    private sealed class CountingHandler(RequestCounter counter) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            counter.Add();
            return base.SendAsync(request, cancellationToken);
        }
    }
}

public sealed class UnreachableTwilioTests(UnreachableTwilioHost host) : IClassFixture<UnreachableTwilioHost>
{
    private const string Token = "7c3e9a1f5b2d8e4a6c0f9b3d7e1a5c2f";

    [Fact]
    public async Task Unreachable_Twilio_is_reported_as_such()
    {
        var before = host.TwilioRequests.Count;
        var credentials = new TwilioCredentials("AC0e5a7d1c9b3f48e6a2d4c8b1f7e3a9d5", Token);

        var result = await host.App.WithServiceAsync((TwilioGateway c) => c.VerifyCredentialsAsync(credentials));

        Assert.False(result.Succeeded);
        Assert.Equal(TwilioErrorKind.Unreachable, result.Error!.Kind);
        Assert.Equal("Twilio could not be reached. Check the network connection and try again.", result.Error.Message);
        Assert.Equal(before + 1, host.TwilioRequests.Count);
    }

    [Theory]
    [InlineData("AC123", "An Account SID is AC followed by 32 hexadecimal characters.")]
    [InlineData("", "Enter the Account SID from the Twilio Console.")]
    public async Task Wrong_shaped_SID_fails_validation_without_calling_Twilio(string sid, string message)
    {
        var before = host.TwilioRequests.Count;

        var result = await host.App.WithServiceAsync((AccountService s) => s.VerifyAsync(new CredentialsInput { AccountSid = sid, AuthToken = Token }));

        Assert.Contains(result.Problems, p => p.Field == nameof(CredentialsInput.AccountSid) && p.Message == message);
        Assert.Equal(before, host.TwilioRequests.Count);
    }
}
