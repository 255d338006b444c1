using System.Collections.Concurrent;
using System.Diagnostics;

namespace OmniWhatsApp.Bench;

/// <summary>
/// Records when each create-message request leaves the app (the last handler before the socket), with its sender, so
/// the rate can be checked both as sent and as the emulated Twilio received it.
/// </summary>
public sealed class Departures : DelegatingHandler
{
    public static readonly ConcurrentQueue<(string From, long At)> Sent = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var at = Stopwatch.GetTimestamp();
        if (request.Method == HttpMethod.Post && request.RequestUri?.AbsolutePath.EndsWith("/Messages.json", StringComparison.Ordinal) == true
            && request.Content is not null)
        {
            var form = await request.Content.ReadAsStringAsync(cancellationToken);
            var from = form.Split('&').Select(Uri.UnescapeDataString).FirstOrDefault(p => p.StartsWith("From=", StringComparison.Ordinal))?[5..];
            if (from is not null) Sent.Enqueue((from, at));
        }
        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>The most requests of one sender that left within any one second.</summary>
    public static int BusiestSecond(string fromPrefix) =>
        Sent.Where(s => s.From.StartsWith(fromPrefix, StringComparison.Ordinal))
            .GroupBy(s => s.From)
            .Select(g =>
            {
                var times = g.Select(s => s.At).Order().ToList();
                return times.Max(t => times.Count(u => u >= t && u < t + Stopwatch.Frequency));
            })
            .DefaultIfEmpty(0)
            .Max();
}
