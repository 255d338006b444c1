using System.Collections.Concurrent;
using System.Diagnostics;

namespace OmniWhatsApp.Bench;

public sealed record LoadResult(int Count, int Failures, TimeSpan Elapsed, double P50Ms, double P99Ms)
{
    public double PerSecond => Count / Elapsed.TotalSeconds;

    public override string ToString() =>
        $"{PerSecond,8:N0} msg/s   p50 {P50Ms,6:0.0} ms   p99 {P99Ms,6:0.0} ms{(Failures > 0 ? $"   {Failures} FAILED" : "")}";
}

/// <summary>Sends prepared requests and measures each one from send to response.</summary>
public static class Load
{
    /// <summary>Closed loop: <paramref name="concurrency"/> requests in flight at all times.</summary>
    public static async Task<LoadResult> RunAsync(HttpClient http, IReadOnlyList<Func<HttpRequestMessage>> requests, int concurrency)
    {
        var latencies = new double[requests.Count];
        var failures = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests.Count)
            {
                latencies[i] = await TimeAsync(http, requests[i], () => Interlocked.Increment(ref failures));
            }
        }));
        clock.Stop();
        return Summarize(latencies, failures, clock.Elapsed);
    }

    /// <summary>Open loop: requests leave at a fixed rate whatever the answers do, as Twilio's would.</summary>
    public static async Task<LoadResult> RunPacedAsync(HttpClient http, IReadOnlyList<Func<HttpRequestMessage>> requests, int perSecond)
    {
        var latencies = new double[requests.Count];
        var failures = 0;
        var pending = new List<Task>(requests.Count);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < requests.Count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            var index = i;
            pending.Add(Task.Run(async () => latencies[index] = await TimeAsync(http, requests[index], () => Interlocked.Increment(ref failures))));
        }
        await Task.WhenAll(pending);
        clock.Stop();
        return Summarize(latencies, failures, clock.Elapsed);
    }

    private static async Task<double> TimeAsync(HttpClient http, Func<HttpRequestMessage> create, Action failed)
    {
        using var request = create();
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode) failed();
        }
        catch (HttpRequestException)
        {
            failed();
        }
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static LoadResult Summarize(double[] latencies, int failures, TimeSpan elapsed)
    {
        Array.Sort(latencies);
        double At(double q) => latencies[Math.Min(latencies.Length - 1, (int)(q * latencies.Length))];
        return new LoadResult(latencies.Length, failures, elapsed, At(0.50), At(0.99));
    }
}
