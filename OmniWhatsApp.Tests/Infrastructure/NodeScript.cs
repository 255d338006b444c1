using System.Diagnostics;
using System.Text;

namespace OmniWhatsApp.Tests.Infrastructure;

/// <summary>
/// Runs a Node script of the tests project (its packages installed by <c>npm ci</c>, which build/test.sh does when
/// node_modules is missing): one JSON request on standard input, one JSON answer on standard output.
/// </summary>
public static class NodeScript
{
    public static async Task<string> RunAsync(string folder, string script, string input, TimeSpan? timeout = null)
    {
        var directory = RepositoryPaths.Combine("OmniWhatsApp.Tests", folder);
        if (!Directory.Exists(Path.Combine(directory, "node_modules")))
        {
            throw new InvalidOperationException($"{folder}/node_modules is missing: run `npm ci` in OmniWhatsApp.Tests/{folder} (build/test.sh does it).");
        }
        var start = new ProcessStartInfo("node", script)
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        // Nothing from the environment may send the library elsewhere or make it print requests.
        foreach (var name in new[] { "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "TWILIO_LOG_LEVEL", "TWILIO_EDGE", "TWILIO_REGION" })
        {
            start.Environment.Remove(name);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();

        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish in time. {await errors}");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"node {script} failed ({process.ExitCode}): {await errors}");
        return await output;
    }
}
