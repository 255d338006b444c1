using Microsoft.Extensions.Options;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Web.Hosting;

/// <summary>Live Twilio cannot call the app's own loopback address, so live mode needs a public address to start.</summary>
public sealed class LiveModeStartTests
{
    [Fact]
    public async Task Live_mode_without_a_public_base_URL_fails_at_start_up_with_a_clear_message()
    {
        var failure = await Record.ExceptionAsync(async () =>
        {
            await using var app = await AppHost.StartAsync(o => o
                .With("Twilio:Live", "true")
                .With("Twilio:ApiBaseUrl", "http://127.0.0.1:9/")
                .With("App:PublicBaseUrl", " "));
        });

        Assert.NotNull(failure);
        var validation = Assert.IsType<OptionsValidationException>(Unwrap(failure));
        Assert.Contains("App:PublicBaseUrl is required when Twilio:Live is true", validation.Message);
    }

    private static Exception Unwrap(Exception e)
    {
        while (e is not OptionsValidationException && e.InnerException is { } inner) e = inner;
        return e;
    }
}
