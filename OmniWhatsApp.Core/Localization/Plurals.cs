using System.Globalization;
using Microsoft.Extensions.Localization;

namespace OmniWhatsApp.Core.Localization;

/// <summary>
/// Sentences about a number of things, in the forms each language has: English and Turkish one/other, Russian
/// one/few/many (CLDR's rules for whole numbers: 1 сообщение, 2 сообщения, 5 сообщений, 11 сообщений, 21 сообщение).
/// A plural entry's value holds its forms in that order, separated by <c>|</c>; its key is the English "other" form.
/// </summary>
public static class Plurals
{
    public const char Separator = '|';

    /// <summary>The forms a language's plural entries have (one, other; Russian: one, few, many).</summary>
    public static int FormCount(CultureInfo culture) => Language(culture) == "ru" ? 3 : 2;

    /// <summary>Which of a language's forms goes with <paramref name="count"/>.</summary>
    public static int FormIndex(CultureInfo culture, long count)
    {
        var n = Math.Abs(count);
        if (Language(culture) != "ru") return n == 1 ? 0 : 1;
        var (lastDigit, lastTwo) = (n % 10, n % 100);
        if (lastDigit == 1 && lastTwo != 11) return 0;
        if (lastDigit is >= 2 and <= 4 && lastTwo is < 12 or > 14) return 1;
        return 2;
    }

    /// <summary>
    /// The entry <paramref name="key"/> in the form that goes with <paramref name="count"/> in the UI culture, with
    /// <c>{0}</c> the count and <c>{1}</c>… the other <paramref name="arguments"/>. A language with fewer forms (Turkish
    /// often needs one) uses its last.
    /// </summary>
    public static string Plural(this IStringLocalizer<Strings> L, string key, long count, params object[] arguments)
    {
        var forms = L[key].Value.Split(Separator);
        var form = forms[Math.Min(FormIndex(CultureInfo.CurrentUICulture, count), forms.Length - 1)];
        return string.Format(CultureInfo.CurrentCulture, form, [count, .. arguments]);
    }

    private static string Language(CultureInfo culture) => culture.TwoLetterISOLanguageName;
}
