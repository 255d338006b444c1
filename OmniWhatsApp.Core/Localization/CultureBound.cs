using System.Globalization;

namespace OmniWhatsApp.Core.Localization;

/// <summary>
/// Callbacks that run in their subscriber's culture, whichever thread calls them: a Russian agent's page that
/// re-renders because a background worker published an event renders in Russian, not in the worker's culture.
/// </summary>
public static class CultureBound
{
    /// <summary><paramref name="handler"/>, run in the culture that is current now.</summary>
    public static Func<T, Task> Wrap<T>(Func<T, Task> handler)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        return value =>
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
            return handler(value);
        };
    }

    /// <summary><paramref name="handler"/>, run in the culture that is current now.</summary>
    public static Action<T> Wrap<T>(Action<T> handler)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        return value =>
        {
            var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
            try
            {
                handler(value);
            }
            finally
            {
                (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = before;
            }
        };
    }
}
