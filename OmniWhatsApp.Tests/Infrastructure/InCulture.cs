using System.Globalization;

namespace OmniWhatsApp.Tests.Infrastructure;

/// <summary>Runs a piece of a test as a person with that culture would (text and formats), then restores the thread's.</summary>
public static class InCulture
{
    public static void Run(string culture, Action action)
    {
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = before;
        }
    }
}
