using System.Text.RegularExpressions;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Web.Emulator;

/// <summary>
/// The emulator plays Twilio: it must not judge the app with the app's own code (signatures, the window rule, SIDs,
/// numbers) nor read the app's data. Its only link to the app's code is where the app can be reached (Core.Common's
/// public address); everything else it learns over HTTP, as Twilio does.
/// </summary>
public sealed partial class EmulatorIndependenceTests
{
    [GeneratedRegex(@"\bOmniWhatsApp\.Core\.(?!Common\b)\w+|\bCore\.(?!Common\b)[A-Z]\w*\.|\bOmniDbContext\b|\bIDbContextFactory\b")]
    private static partial Regex AppCode();

    [Fact]
    public void No_emulator_file_uses_the_apps_domain_code_or_database()
    {
        var folder = RepositoryPaths.Combine("OmniWhatsApp.Web", "Emulator");
        var files = Directory.GetFiles(folder, "*.cs");
        Assert.NotEmpty(files);

        var uses = files
            .SelectMany(file => File.ReadAllLines(file).Select((line, i) => (File: Path.GetFileName(file), Line: i + 1, Text: line)))
            .Where(l => AppCode().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(uses.Count == 0, "The emulator uses the app's code:\n" + string.Join("\n", uses));
    }
}
