using System.Text.RegularExpressions;

namespace OmniWhatsApp.Web.Emulator;

/// <summary>
/// The WhatsApp rules the emulated Twilio applies to a business-initiated message. Its own statement of them, not the
/// app's: the emulator is the judge the app's rules are tested against.
/// </summary>
public static partial class WhatsAppRules
{
    /// <summary>How long after a customer's message the business may write freely.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    [GeneratedRegex(@"\{\{\s*\d+\s*\}\}")]
    private static partial Regex Placeholder();

    /// <summary>Open from the customer's last message until (not including) 24 hours later.</summary>
    public static bool IsWindowOpen(DateTimeOffset? lastInbound, DateTimeOffset now) => lastInbound is { } at && now < at + Window;

    /// <summary>
    /// Whether <paramref name="body"/> is the text of one of <paramref name="templates"/>, each <c>{{n}}</c>
    /// standing for any non-empty text. Such a body passes outside the window, as a pre-approved template does
    /// in the sandbox.
    /// </summary>
    public static bool IsTemplateText(string? body, IEnumerable<string> templates)
    {
        if (string.IsNullOrWhiteSpace(body)) return false;
        var text = Normalize(body);
        return templates.Any(t => Pattern(t).IsMatch(text));
    }

    /// <summary>The template text with its <c>{{n}}</c> replaced from <paramref name="variables"/>, else from <paramref name="defaults"/>.</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, string>? variables, IReadOnlyDictionary<string, string>? defaults = null) =>
        Placeholder().Replace(template, match =>
        {
            var key = match.Value.Trim('{', '}', ' ');
            return variables?.GetValueOrDefault(key) ?? defaults?.GetValueOrDefault(key) ?? match.Value;
        });

    private static Regex Pattern(string template)
    {
        var parts = Placeholder().Split(Normalize(template)).Select(Regex.Escape);
        return new Regex("^" + string.Join("(.+?)", parts) + "$", RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n").Trim();
}
