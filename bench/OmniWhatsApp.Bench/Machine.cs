using System.Diagnostics;
using System.Globalization;

namespace OmniWhatsApp.Bench;

/// <summary>What else the machine was doing: figures from a shared machine mean little without it.</summary>
public static class Machine
{
    /// <summary>The 1, 5 and 15 minute load averages ("2.10 1.85 1.60"), or "n/a" off Linux.</summary>
    public static string LoadAverage()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Join(" ", fields.Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "n/a";
        }
    }

    /// <summary>The 1-minute load average divided by the cores: above 1, runnable threads wait for a core.</summary>
    public static string LoadPerCore()
    {
        var first = LoadAverage().Split(' ')[0];
        return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var load)
            ? (load / Environment.ProcessorCount).ToString("0.0", CultureInfo.InvariantCulture)
            : "n/a";
    }

    /// <summary>CPU time this process has used (the app and the load generator together).</summary>
    public static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
