using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OmniWhatsApp.Tests.Infrastructure;

/// <summary>
/// A tiny HTTP server on 127.0.0.1 that records every form POST (a stand-in webhook receiver). It answers 200,
/// or the statuses queued with <see cref="AnswerNext"/> first.
/// </summary>
public sealed class RecordingServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<int> answers = new();

    public sealed record Request(string Path, IReadOnlyList<KeyValuePair<string, string>> Form, string? Signature, int Answer, DateTimeOffset At)
    {
        public string? this[string field] => Form.FirstOrDefault(f => f.Key == field).Value;
    }

    private RecordingServer(WebApplication app) => this.app = app;

    public ConcurrentQueue<Request> Requests { get; } = new();

    public Uri BaseUrl { get; private set; } = null!;

    public string Url(string path) => new Uri(BaseUrl, path.TrimStart('/')).ToString();

    /// <summary>The next requests get these statuses (then 200 again).</summary>
    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses) answers.Enqueue(status);
    }

    public static async Task<RecordingServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new RecordingServer(app);
        app.Run(async context =>
        {
            var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync() : null;
            var fields = form?.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? ""))).ToList() ?? [];
            var answer = server.answers.TryDequeue(out var queued) ? queued : 200;
            server.Requests.Enqueue(new Request(context.Request.Path + context.Request.QueryString, fields,
                context.Request.Headers["X-Twilio-Signature"].ToString(), answer, DateTimeOffset.UtcNow));
            context.Response.StatusCode = answer;
        });
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
