using Microsoft.Extensions.Localization;
using OmniWhatsApp.Core.Localization;

namespace OmniWhatsApp.Web.Components.Shared;

/// <summary>A file's size as people read it, the same wherever a file is shown (the agent's timeline, the customer simulator).</summary>
public static class FileSizes
{
    /// <summary>"830 bytes", "12 KB" (whole kilobytes, rounded up), "1.4 MB".</summary>
    public static string Format(IStringLocalizer<Strings> L, long bytes) => bytes switch
    {
        < 1024 => L["{0} bytes", Math.Max(0, bytes)],
        < 1024 * 1024 => L["{0} KB", (long)Math.Ceiling(bytes / 1024.0)],
        _ => L["{0} MB", Math.Round(bytes / (1024.0 * 1024), 1)],
    };
}
