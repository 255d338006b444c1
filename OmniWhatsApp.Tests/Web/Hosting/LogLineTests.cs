using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Tests.Web.Hosting;

/// <summary>Nothing a person types can write a log line of its own: one escaped line per entry, JSON in production.</summary>
public sealed class LogLineTests
{
    [Fact]
    public void A_newline_in_a_typed_value_stays_inside_its_log_line_as_an_escape()
    {
        var forged = "someone@example.test\ninfo: OmniWhatsApp.SignIn[0] admin@demo.local signed in\r\u001b[2J";
        var output = Write(new LogEntry<object>(LogLevel.Warning, "OmniWhatsApp.SignIn", new EventId(0), forged,
            null, (state, _) => $"Sign-in refused for {state}: no such account"));

        var lines = output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.Contains("warn: OmniWhatsApp.SignIn[0] Sign-in refused for someone@example.test\\ninfo: OmniWhatsApp.SignIn[0] admin@demo.local signed in\\r\\u001b[2J: no such account", line);
    }

    [Fact]
    public void An_exceptions_text_follows_on_indented_lines()
    {
        Exception thrown;
        try { throw new InvalidOperationException("bad\nline"); } catch (InvalidOperationException e) { thrown = e; }

        var output = Write(new LogEntry<object>(LogLevel.Error, "OmniWhatsApp.Test", new EventId(7), "x", thrown, (_, _) => "It failed"));

        var lines = output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith("fail: OmniWhatsApp.Test[7] It failed", lines[0]);
        Assert.True(lines.Length > 2);
        Assert.All(lines.Skip(1), l => Assert.StartsWith("    ", l));
        // Even a newline in the exception's own message only starts another indented line.
        Assert.Contains("    line", lines);
    }

    [Theory]
    [InlineData("Production", "json")]
    [InlineData("Development", OneLineConsoleFormatter.Name)]
    public async Task The_console_log_is_json_in_production_and_one_escaped_line_elsewhere(string environment, string formatter)
    {
        await using var app = await AppHost.StartAsync(o => o.Environment = environment);

        Assert.Equal(formatter, app.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
    }

    private static string Write(LogEntry<object> entry)
    {
        using var writer = new StringWriter();
        new OneLineConsoleFormatter().Write(entry, null, writer);
        return writer.ToString();
    }
}
