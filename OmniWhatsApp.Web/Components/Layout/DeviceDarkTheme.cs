using System.Text;
using MudBlazor;

namespace OmniWhatsApp.Web.Components.Layout;

/// <summary>
/// The dark palette of <see cref="OmniTheme"/> for pages shown before anyone signs in (sign-in): nobody's choice is
/// known there, so the device's setting decides, in CSS, without a script. Placed after a light
/// <see cref="MudThemeProvider"/>; its variables apply only under <c>prefers-color-scheme: dark</c>.
/// </summary>
public sealed class DeviceDarkTheme : MudThemeProvider
{
    public DeviceDarkTheme()
    {
        Theme = OmniTheme.Theme;
        IsDarkMode = true;
    }

    // The base writes ":root{" + this + "}": close its empty rule and open our own inside the media query.
    protected override void GenerateTheme(StringBuilder theme)
    {
        theme.AppendLine("}");
        theme.AppendLine("@media (prefers-color-scheme: dark) {");
        theme.AppendLine(":root {");
        base.GenerateTheme(theme);
        theme.AppendLine("}");
    }
}
