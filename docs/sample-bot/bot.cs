#:sdk Microsoft.NET.Sdk.Web
#:property PublishAot=false
// The smallest external bot for OmniWhatsApp (docs/bot-api.md): it checks the app's signature, echoes the customer,
// and hands the conversation to the agents when the customer writes "human".
//   BOT_SECRET=the-shared-secret dotnet run docs/sample-bot/bot.cs -- --urls http://localhost:5199
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

var secret = Environment.GetEnvironmentVariable("BOT_SECRET")
    ?? throw new InvalidOperationException("Set BOT_SECRET to the shared secret saved with the workstream's bot.");
var app = WebApplication.Create(args);

app.MapPost("/bot", async (HttpRequest request, HttpResponse response) =>
{
    using var buffer = new MemoryStream();
    await request.Body.CopyToAsync(buffer);
    var body = buffer.ToArray();
    if (!Verify(body, request.Headers["X-Omni-Signature"])) return Results.Unauthorized();

    var turn = JsonDocument.Parse(body).RootElement;
    var texts = turn.GetProperty("messages").EnumerateArray()
        .Select(m => m.TryGetProperty("text", out var text) ? text.GetString() ?? "" : "").ToList();
    object reply = texts.Any(t => t.Contains("human", StringComparison.OrdinalIgnoreCase))
        ? new { messages = new[] { new { text = "Connecting you with a person…" } }, handoff = new { note = "The customer asked for a human" } }
        : new { messages = new[] { new { text = $"You wrote: {texts.LastOrDefault()}. Write \"human\" to talk to a person." } } };

    var json = JsonSerializer.SerializeToUtf8Bytes(reply);
    response.Headers["X-Omni-Signature"] = Sign(json);
    return Results.Bytes(json, "application/json");
});
app.Run();

string Sign(byte[] data) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data));

bool Verify(byte[] data, string? header) =>
    header is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(data)), Encoding.ASCII.GetBytes(header.Trim()));
