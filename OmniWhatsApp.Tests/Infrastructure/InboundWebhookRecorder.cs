using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace OmniWhatsApp.Tests.Infrastructure;

/// <summary>
/// Stands in front of the app's inbound webhooks (POST /api/twilio/{accountId}/inbound) and records what arrives,
/// answering Twilio's empty TwiML, so a test sees exactly what the emulator posted. Register with
/// <c>o.ConfigureServices(s => s.AddSingleton&lt;IStartupFilter&gt;(recorder))</c>.
/// </summary>
public sealed class InboundWebhookRecorder : IStartupFilter
{
    public ConcurrentQueue<RecordingServer.Request> Requests { get; } = new();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, proceed) =>
        {
            var path = context.Request.Path.Value ?? "";
            if (!HttpMethods.IsPost(context.Request.Method) || !path.StartsWith("/api/twilio/", StringComparison.Ordinal) || !path.EndsWith("/inbound", StringComparison.Ordinal))
            {
                await proceed();
                return;
            }
            var form = await context.Request.ReadFormAsync();
            Requests.Enqueue(new RecordingServer.Request(path, form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? ""))).ToList(),
                context.Request.Headers["X-Twilio-Signature"].ToString(), 200, DateTimeOffset.UtcNow));
            context.Response.ContentType = "text/xml";
            await context.Response.WriteAsync("""<?xml version="1.0" encoding="UTF-8"?><Response/>""");
        });
        next(app);
    };
}
