using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OmniWhatsApp.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OmniWhatsApp.Tests.Web.Webhooks;

/// <summary>
/// The webhooks against a corpus of hostile requests (<see cref="WebhookFuzzCorpus"/>): each refused with its own
/// status and a logged reason, none a server error, nothing stored, no Auth Token in the log.
/// </summary>
[Trait("Storage", "Both")]
public sealed class WebhookFuzzTests(ITestOutputHelper output)
{
    private const int CorpusSize = 1200;

    [Fact]
    public async Task Every_request_of_the_hostile_corpus_is_refused_with_a_logged_reason_and_stores_nothing()
    {
        await using var app = await AppHost.StartAsync();
        var target = await WebhookChannel.CreateAsync(app);
        var other = await WebhookChannel.CreateAsync(app);
        var corpus = WebhookFuzzCorpus.Generate(target, other, CorpusSize);
        var before = await CountAsync(app);
        using var http = app.CreateHttpClient();
        var problems = new List<string>();
        var clock = Stopwatch.StartNew();

        foreach (var fuzz in corpus)
        {
            var logged = app.Logs.Count;
            using var request = fuzz.ToHttpRequest();
            int status;
            try
            {
                using var response = await http.SendAsync(request);
                status = (int)response.StatusCode;
            }
            catch (HttpRequestException ex)
            {
                problems.Add($"{fuzz}: no answer ({ex.Message})");
                continue;
            }
            if (status != fuzz.Expected) problems.Add($"{fuzz}: answered {status} ({app.Logs.Skip(logged).LastOrDefault()?.Message})");
            var reasons = app.Logs.Skip(logged).Where(e => e.Level == LogLevel.Warning && e.Message.Contains("refused")
                && (e.Category.StartsWith("OmniWhatsApp.Webhooks.", StringComparison.Ordinal) || e.Category == "OmniWhatsApp.Api"));
            if (!reasons.Any()) problems.Add($"{fuzz}: no refusal with a reason in the log");
        }
        clock.Stop();
        output.WriteLine($"{corpus.Count} requests ({corpus.Select(c => c.Kind).Distinct().Count()} kinds) in {clock.Elapsed.TotalSeconds:0.0} s");

        Assert.True(corpus.Count >= 1000);
        Assert.True(problems.Count == 0, $"{problems.Count} of {corpus.Count} requests went wrong:\n" + string.Join("\n", problems.Take(40)));
        Assert.Equal(before, await CountAsync(app));
        var secrets = new[] { target.AuthToken, other.AuthToken };
        Assert.DoesNotContain(app.Logs, e => secrets.Any(s => e.ToString().Contains(s, StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(app.Logs, e => e.Level >= LogLevel.Error);
    }

    private static async Task<(int Customers, int Conversations, int Messages, int Media, int StatusCallbacks)> CountAsync(AppHost app)
    {
        await using var db = await app.CreateDbContextAsync();
        return (await db.Customers.CountAsync(), await db.Conversations.CountAsync(), await db.Messages.CountAsync(), await db.Media.CountAsync(),
            await db.StatusCallbacks.CountAsync());
    }
}
