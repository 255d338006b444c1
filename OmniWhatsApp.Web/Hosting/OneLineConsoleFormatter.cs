using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace OmniWhatsApp.Web.Hosting;

/// <summary>
/// The console log outside production: one line per entry, whatever the message holds. Values people type (an email on
/// the sign-in page, a customer's text) reach messages as structured properties, but a newline in one of them would still
/// start what looks like a log line of its own; here every control character is written as an escape (\n, \u001b), so a
/// forged line cannot appear. An exception's stack follows on indented lines. Production logs JSON, where the same values
/// are escaped inside strings.
/// </summary>
public sealed class OneLineConsoleFormatter() : ConsoleFormatter(Name)
{
    public new const string Name = "omni-one-line";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null) return;
        var line = new StringBuilder();
        line.Append(DateTimeOffset.UtcNow.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)).Append(' ')
            .Append(Level(logEntry.LogLevel)).Append(": ")
            .Append(logEntry.Category).Append('[').Append(logEntry.EventId.Id).Append("] ");
        AppendEscaped(line, message);
        textWriter.WriteLine(line.ToString());
        if (logEntry.Exception is not null)
        {
            foreach (var exceptionLine in logEntry.Exception.ToString().Split('\n'))
            {
                var escaped = new StringBuilder("    ");
                AppendEscaped(escaped, exceptionLine.TrimEnd('\r'));
                textWriter.WriteLine(escaped.ToString());
            }
        }
    }

    /// <summary>Appends <paramref name="text"/> with every control character (newlines, escape sequences) written as an escape.</summary>
    public static void AppendEscaped(StringBuilder to, string text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '\n': to.Append("\\n"); break;
                case '\r': to.Append("\\r"); break;
                case '\t': to.Append("\\t"); break;
                case '\\': to.Append("\\\\"); break;
                default:
                    if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085') to.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    else to.Append(c);
                    break;
            }
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
