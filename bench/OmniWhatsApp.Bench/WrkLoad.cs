using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Persistence;

namespace OmniWhatsApp.Bench;

/// <summary>The in-process generator's figures, printed beside wrk's.</summary>
public sealed record InProcessFigures(double BaselinePerSecond, double IngestPerSecond);

/// <summary>
/// Inbound webhooks driven by <c>wrk</c>, a load generator in its own process, so the app has the machine's cores
/// without the in-process generator's share. The requests are signed here before timing starts and handed to wrk's
/// one thread through a Lua script whose <c>request()</c> gives out each in turn, exactly once (wrk's first call, which only checks the request, sends nothing; one thread, so no two
/// threads send the same MessageSid); its <c>response()</c> counts the answers that are not 2xx and stops wrk at the
/// last one. Each run checks that every request was answered 2xx and that the database holds exactly as many new
/// inbound messages as were sent. Runs with the channel's automated messages off, then on (the greeting).
/// </summary>
public static class WrkLoad
{
    private const int Connections = 32;

    public static async Task RunAsync(bool quick, InProcessFigures? inProcess)
    {
        Console.WriteLine();
        Console.WriteLine("Inbound webhooks from outside the process (wrk, 1 thread, 32 connections)");
        var wrk = FindOnPath("wrk");
        if (wrk is null)
        {
            Console.WriteLine("  SKIPPED: wrk is not on PATH. Install it with `sudo apt-get install wrk` (Debian/Ubuntu package wrk, 4.1.0) and run again.");
            return;
        }
        var messages = quick ? 8_000 : 40_000;
        // The in-process section's mix: ten messages per customer, so one in ten opens a conversation (and is greeted).
        var customers = messages / 10;

        using var app = new BenchApp(new Dictionary<string, string?>());
        app.Start();
        var target = await WebhookTarget.FromDemoDataAsync(app);
        var behaviours = await BenchProgram.AutomatedMessagesAsync(app, on: false);
        var scratch = Directory.CreateTempSubdirectory("omniwhatsapp-wrk");
        try
        {
            // Warm-up of both paths (JIT, SQLite page cache), then the work it left behind done.
            await RunWrkAsync(wrk, app, target.Signed("inbound-baseline", quick ? 4_000 : 30_000, 3_000), scratch.FullName);
            await RunWrkAsync(wrk, app, target.Signed("inbound", quick ? 4_000 : 30_000, 3_000), scratch.FullName);
            await SettleAsync(app);
            Console.WriteLine($"  {messages:N0} distinct signed requests a run, {customers:N0} new customers (one new conversation per ten messages), fresh SQLite");

            var rows = new List<(string Automation, WrkRun Baseline, WrkRun Ingest)>();
            foreach (var on in (bool[])[false, true])
            {
                if (on) await BenchProgram.AutomatedMessagesAsync(app, on: true, behaviours);
                var label = on ? "greeting on " : "greeting off";
                var baseline = await RunWrkAsync(wrk, app, target.Signed("inbound-baseline", messages, customers), scratch.FullName);
                Console.WriteLine($"  {label}  baseline (no storage)   {baseline}");
                await SettleAsync(app);
                var before = await CountsAsync(app);
                var ingest = await RunWrkAsync(wrk, app, target.Signed("inbound", messages, customers), scratch.FullName);
                var after = await CountsAsync(app);
                var stored = after.Inbound - before.Inbound;
                Console.WriteLine($"  {label}  ingest (stored)         {ingest}");
                Console.WriteLine($"  {label}  ratio ingest / baseline {ingest.PerSecond / baseline.PerSecond,8:0.00}   load average {Machine.LoadAverage()}");
                Console.WriteLine($"  {label}  stored inbound {stored:N0} of {messages:N0}{(stored == messages ? "" : "   MISMATCH")}; " +
                    $"by the last answer {after.Greeted - before.Greeted:N0} conversations greeted of {after.Conversations - before.Conversations:N0} opened, " +
                    $"{after.Automated - before.Automated:N0} automated messages queued, {after.Sent - before.Sent:N0} outbound handed to Twilio");
                if (!baseline.Complete || !ingest.Complete || stored != messages)
                {
                    Console.WriteLine("  FAILED: a request was not answered 2xx or a message was not stored; the figures above are not valid.");
                }
                rows.Add((label.Trim(), baseline, ingest));
                if (!on)
                {
                    var settled = await SettleAsync(app);
                    Console.WriteLine($"  {label}  background work after the run (greeting claims) done {settled.TotalSeconds:0.0} s later");
                }
            }
            var drained = await SettleAsync(app, TimeSpan.FromMinutes(quick ? 2 : 5));
            Console.WriteLine($"  greeting on   every greeting queued and every queued message handed to Twilio {drained.TotalSeconds:0.0} s after the last answer (the sender's rate limit paces the sends)");
            if (inProcess is not null)
            {
                Console.WriteLine($"  in-process generator (same program, greeting off)  baseline {inProcess.BaselinePerSecond:N0} req/s   ingest {inProcess.IngestPerSecond:N0} msg/s   ratio {inProcess.IngestPerSecond / inProcess.BaselinePerSecond:0.00}");
            }
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private sealed record Counts(int Inbound, int Conversations, int Greeted, int Automated, int Sent);

    private static async Task<Counts> CountsAsync(BenchApp app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<OmniDbContext>>().CreateDbContextAsync();
        return new Counts(
            await db.Messages.CountAsync(m => m.Direction == MessageDirection.Inbound),
            await db.Conversations.CountAsync(),
            await db.Conversations.CountAsync(c => c.GreetedAt != null),
            await db.Messages.CountAsync(m => m.Kind == MessageKind.Automated),
            await db.Messages.CountAsync(m => m.Direction == MessageDirection.Outbound && m.TwilioSid != null));
    }

    /// <summary>
    /// Waits until the work a run left behind is done (every open conversation's greeting dealt with, every queued
    /// message handed to Twilio), so the next run starts on a quiet app; returns how long that took.
    /// </summary>
    private static async Task<TimeSpan> SettleAsync(BenchApp app, TimeSpan? limit = null)
    {
        var clock = Stopwatch.StartNew();
        var factory = app.Services.GetRequiredService<IDbContextFactory<OmniDbContext>>();
        while (clock.Elapsed < (limit ?? TimeSpan.FromMinutes(2)))
        {
            await using (var db = await factory.CreateDbContextAsync())
            {
                var ungreeted = await db.Conversations.AnyAsync(c => c.GreetedAt == null && c.Status != ConversationStatus.Closed);
                var unsent = await db.Messages.AnyAsync(m => m.Direction == MessageDirection.Outbound && (m.Dispatch == DispatchState.Pending || m.Dispatch == DispatchState.InFlight));
                if (!ungreeted && !unsent) return clock.Elapsed;
            }
            await Task.Delay(200);
        }
        Console.WriteLine($"  (background work still not done after {clock.Elapsed.TotalSeconds:0} s; going on)");
        return clock.Elapsed;
    }

    /// <summary>What one wrk run measured: its own clock from the first request handed out to the last answer.</summary>
    private sealed record WrkRun(int Sent, int Answered, int NotSuccessful, string SocketErrors, TimeSpan Elapsed, string P50, string P99, TimeSpan AppCpu)
    {
        public bool Complete => Answered == Sent && NotSuccessful == 0 && SocketErrors.Length == 0;

        public double PerSecond => Answered / Elapsed.TotalSeconds;

        public override string ToString() =>
            $"{PerSecond,8:N0} req/s   p50 {P50,8}   p99 {P99,8}   app CPU {AppCpu.TotalMilliseconds * 1000 / Sent,5:0} µs/request   {Answered:N0} answered 2xx of {Sent:N0}" +
            (NotSuccessful > 0 ? $"   {NotSuccessful} NOT 2xx" : "") + (SocketErrors.Length > 0 ? $"   socket errors: {SocketErrors}" : "");
    }

    /// <summary>
    /// Writes the requests and the Lua script, runs wrk until the script has seen the last answer (then stops it with
    /// SIGINT: wrk itself runs for its whole <c>-d</c>) and reads the script's lines and wrk's summary.
    /// </summary>
    private static async Task<WrkRun> RunWrkAsync(string wrk, BenchApp app, IReadOnlyList<SignedWebhook> requests, string folder)
    {
        var data = Path.Combine(folder, "requests.tsv");
        await using (var writer = new StreamWriter(data, append: false, new UTF8Encoding(false)))
        {
            // Signature, path and body per line: form bodies and Base64 hold no tab or newline.
            foreach (var r in requests) await writer.WriteLineAsync($"{r.Signature}\t{r.Path}\t{Encoding.ASCII.GetString(r.Body)}");
        }
        var script = Path.Combine(folder, "inbound.lua");
        await File.WriteAllTextAsync(script, Script(data, requests.Count, $"{app.BaseUrl.Host}:{app.BaseUrl.Port}"));

        var start = new ProcessStartInfo(wrk)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-t1", $"-c{Connections}", "-d600s", "--timeout", "30s", "--latency", "-s", script, app.BaseUrl.ToString()])
        {
            start.ArgumentList.Add(argument);
        }
        // wrk has its own process: this process's CPU is the app's (and its background work's) alone.
        var cpu = Machine.ProcessCpu();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start");
        long first = 0, last = 0;
        int answered = 0, failed = 0;
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            var now = Stopwatch.GetTimestamp();
            if (e.Data == "omni-start") first = now;
            else if (e.Data.StartsWith("omni-done ", StringComparison.Ordinal))
            {
                last = now;
                var parts = e.Data.Split(' ');
                answered = int.Parse(parts[1], CultureInfo.InvariantCulture);
                failed = int.Parse(parts[2], CultureInfo.InvariantCulture);
                finished.TrySetResult();
            }
            else lock (output) output.AppendLine(e.Data);
        };
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (errors) errors.AppendLine(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Generous: a run that loses requests (socket errors) never sees its last answer.
        var allowed = TimeSpan.FromSeconds(60 + requests.Count / 200);
        var done = await Task.WhenAny(finished.Task, process.WaitForExitAsync(), Task.Delay(allowed)) == finished.Task;
        if (!process.HasExited) Interrupt(process.Id);
        await process.WaitForExitAsync();
        if (!done)
        {
            last = Stopwatch.GetTimestamp();
            Console.WriteLine($"  wrk stopped before the last answer: {errors.ToString().Trim()}");
        }

        cpu = Machine.ProcessCpu() - cpu;
        var summary = output.ToString();
        var socketErrors = System.Text.RegularExpressions.Regex.Match(summary, @"Socket errors: ([^\n]*)") is { Success: true } m ? m.Groups[1].Value.Trim() : "";
        return new WrkRun(requests.Count, done ? answered - failed : 0, failed, socketErrors,
            Stopwatch.GetElapsedTime(first == 0 ? last : first, last), Percentile(summary, "50%"), Percentile(summary, "99%"), cpu);
    }

    private static string Percentile(string summary, string label) =>
        System.Text.RegularExpressions.Regex.Match(summary, @"^\s*" + label + @"\s+(\S+)", System.Text.RegularExpressions.RegexOptions.Multiline) is { Success: true } m
            ? m.Groups[1].Value : "n/a";

    /// <summary>
    /// The wrk script: <c>init</c> reads the pre-signed requests into a Lua table of ready requests, <c>request</c> hands
    /// out the next (an empty request, which sends nothing, once all are out), <c>response</c> counts the answers.
    /// </summary>
    private static string Script(string data, int count, string host) => $$"""
        -- Written by the OmniWhatsApp benchmark for one run; each request is sent exactly once.
        local requests = {}
        local total = {{count}}
        local handed = 0
        local answered = 0
        local failed = 0
        local verified = false

        function init(args)
          for line in io.lines("{{data.Replace("\\", "\\\\", StringComparison.Ordinal)}}") do
            local signature, path, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
            requests[#requests + 1] = wrk.format("POST", path,
              { ["Host"] = "{{host}}", ["Content-Type"] = "application/x-www-form-urlencoded", ["X-Twilio-Signature"] = signature }, body)
          end
          if #requests ~= total then error("read " .. #requests .. " requests of " .. total) end
        end

        function request()
          -- wrk calls request() once before the run to check what it returns: that call sends nothing.
          if not verified then verified = true; return requests[1] end
          if handed >= total then return "" end
          handed = handed + 1
          if handed == 1 then io.write("omni-start\n"); io.flush() end
          return requests[handed]
        end

        function response(status, headers, body)
          answered = answered + 1
          if status < 200 or status > 299 then failed = failed + 1 end
          if answered == total then
            io.write(string.format("omni-done %d %d\n", answered, failed)); io.flush()
            wrk.thread:stop()
          end
        end
        """;

    private static void Interrupt(int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-INT", pid.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false });
        kill?.WaitForExit();
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
}
