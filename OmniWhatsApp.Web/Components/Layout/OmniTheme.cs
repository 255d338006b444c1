using MudBlazor;

namespace OmniWhatsApp.Web.Components.Layout;

/// <summary>
/// The product's one theme: WhatsApp-like teal for every accent (buttons, selected menu item, switches, links,
/// focus), in a light and a dark palette. Fonts are the system's own; nothing is loaded from another site.
/// </summary>
public static class OmniTheme
{
    private static readonly string[] SystemFonts =
        ["system-ui", "-apple-system", "\"Segoe UI\"", "Roboto", "\"Noto Sans\"", "Ubuntu", "\"Helvetica Neue\"", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0f7a6e",
            PrimaryDarken = "#0b5e55",
            PrimaryLighten = "#1aa595",
            Secondary = "#3d5a80",
            Tertiary = "#25d366",
            Info = "#1f6fb2",
            Success = "#1b7a3a",
            Warning = "#b26a00",
            Error = "#c62828",
            AppbarBackground = "#0f7a6e",
            AppbarText = "#ffffff",
            Background = "#f6f8f8",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "rgba(0,0,0,0.82)",
            DrawerIcon = "#0f7a6e",
            TextPrimary = "rgba(0,0,0,0.87)",
            TextSecondary = "#5f6b7a",
            LinesDefault = "#e3e7ea",
            TableLines = "#e3e7ea",
            Divider = "#e3e7ea",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#2ab3a3",
            PrimaryDarken = "#1a8f82",
            PrimaryLighten = "#4fd1c1",
            Secondary = "#8fb0d9",
            Tertiary = "#25d366",
            Info = "#64b5f6",
            Success = "#66bb6a",
            Warning = "#ffb74d",
            Error = "#ef5350",
            AppbarBackground = "#0b3f39",
            AppbarText = "#e6f2f0",
            Background = "#121717",
            Surface = "#1b2222",
            DrawerBackground = "#161d1d",
            DrawerText = "rgba(255,255,255,0.82)",
            DrawerIcon = "#2ab3a3",
            TextPrimary = "rgba(255,255,255,0.9)",
            TextSecondary = "rgba(255,255,255,0.62)",
            LinesDefault = "rgba(255,255,255,0.14)",
            TableLines = "rgba(255,255,255,0.14)",
            Divider = "rgba(255,255,255,0.14)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = SystemFonts },
            H1 = new H1Typography { FontFamily = SystemFonts, FontSize = "1.6rem", FontWeight = "600", LineHeight = "1.3", LetterSpacing = "0" },
            H2 = new H2Typography { FontFamily = SystemFonts, FontSize = "1.25rem", FontWeight = "600", LineHeight = "1.35", LetterSpacing = "0" },
            H3 = new H3Typography { FontFamily = SystemFonts, FontSize = "1.05rem", FontWeight = "600", LineHeight = "1.4", LetterSpacing = "0" },
            H4 = new H4Typography { FontFamily = SystemFonts },
            H5 = new H5Typography { FontFamily = SystemFonts },
            H6 = new H6Typography { FontFamily = SystemFonts, FontSize = "1.1rem", FontWeight = "600" },
            Button = new ButtonTypography { FontFamily = SystemFonts, TextTransform = "none", FontWeight = "500" },
            Body1 = new Body1Typography { FontFamily = SystemFonts },
            Body2 = new Body2Typography { FontFamily = SystemFonts },
            Subtitle1 = new Subtitle1Typography { FontFamily = SystemFonts },
            Subtitle2 = new Subtitle2Typography { FontFamily = SystemFonts },
            Caption = new CaptionTypography { FontFamily = SystemFonts },
            Overline = new OverlineTypography { FontFamily = SystemFonts },
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "248px", AppbarHeight = "56px" },
    };
}
