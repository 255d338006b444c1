using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Bots;
using OmniWhatsApp.Core.Security;

namespace OmniWhatsApp.Tests.Infrastructure;

/// <summary>
/// An external bot on a real HTTP server (Kestrel, 127.0.0.1, a free port). It checks each request's signature with
/// its own HMAC code (not the app's), records the request, and answers as <see cref="Answer"/> says (by default a
/// signed empty reply).
/// </summary>
public sealed class TestBot : IAsyncDisposable
{
    public const string Secret = "test-bot-shared-secret-7Q";

    private readonly WebApplication app;

    public sealed record Call(byte[] Body, string? Signature)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        /// <summary>Whether the request carries <c>sha256=</c> and the HMAC-SHA256 of its body with <see cref="Secret"/>.</summary>
        public bool SignedWithTheSecret => Signature == "sha256=" + Hex(Body);
    }

    private TestBot(WebApplication app) => this.app = app;

    public ConcurrentQueue<Call> Calls { get; } = new();

    /// <summary>How the bot answers a call (by default: 200 with <c>{"messages":[]}</c>, signed).</summary>
    public Func<Call, HttpContext, Task> Answer { get; set; } = (_, context) => ReplyAsync(context, new { messages = Array.Empty<object>() });

    public string Url { get; private set; } = "";

    public static async Task<TestBot> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var bot = new TestBot(app);
        app.MapPost("/bot", async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            var call = new Call(buffer.ToArray(), context.Request.Headers["X-Omni-Signature"].ToString());
            bot.Calls.Enqueue(call);
            await bot.Answer(call, context);
        });
        await app.StartAsync();
        bot.Url = app.Urls.First().TrimEnd('/') + "/bot";
        return bot;
    }

    /// <summary>Answers with <paramref name="reply"/> as JSON, signed with the secret (or with <paramref name="signature"/>: "" for none).</summary>
    public static Task ReplyAsync(HttpContext context, object reply, string? signature = null) =>
        ReplyRawAsync(context, JsonSerializer.SerializeToUtf8Bytes(reply), signature);

    public static async Task ReplyRawAsync(HttpContext context, byte[] body, string? signature = null, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        signature ??= "sha256=" + Hex(body);
        if (signature.Length > 0) context.Response.Headers["X-Omni-Signature"] = signature;
        await context.Response.Body.WriteAsync(body);
    }

    private static string Hex(byte[] body)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(Secret));
        return Convert.ToHexString(hmac.ComputeHash(body)).ToLowerInvariant();
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

public static class BotTestData
{
    /// <summary>Sets the channel's bot (and adds FAQ entries) straight in the database, as the admin page would save it.</summary>
    public static async Task SetBotAsync(this WebhookChannel channel, Action<BotSettings> change, params (string Language, string Phrases, string Answer)[] faq)
    {
        await using (var db = await channel.App.CreateDbContextAsync())
        {
            var setup = await db.WhatsAppSetups.SingleAsync(s => s.WorkstreamId == channel.WorkstreamId);
            change(setup.Bot);
            var position = await db.BotFaqEntries.CountAsync(e => e.WorkstreamId == channel.WorkstreamId);
            foreach (var (language, phrases, answer) in faq)
            {
                db.BotFaqEntries.Add(new BotFaqEntry { WorkstreamId = channel.WorkstreamId, Position = position++, Language = language, Phrases = phrases, Answer = answer });
            }
            await db.SaveChangesAsync();
        }
        channel.App.GetRequiredService<ChannelDirectory>().Invalidate();
    }

    /// <summary>The channel's bot is <paramref name="bot"/>, called with its shared secret.</summary>
    public static Task UseExternalBotAsync(this WebhookChannel channel, TestBot bot, int timeoutSeconds = 5) =>
        channel.SetBotAsync(b =>
        {
            b.Mode = BotMode.External;
            b.ExternalUrl = bot.Url;
            b.ProtectedSecret = channel.App.GetRequiredService<SecretProtector>().Protect(TestBot.Secret);
            b.SecretHint = SecretProtector.HintOf(TestBot.Secret);
            b.TimeoutSeconds = timeoutSeconds;
        });
}
