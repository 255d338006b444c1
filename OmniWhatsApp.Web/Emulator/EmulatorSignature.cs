using System.Security.Cryptography;
using System.Text;

namespace OmniWhatsApp.Web.Emulator;

/// <summary>
/// How Twilio signs the requests it makes (<c>X-Twilio-Signature</c>): HMAC-SHA1 keyed with the account's Auth
/// Token over the exact URL followed by every POST parameter's name and value, names in ordinal order; Base64.
/// The emulator's own code, checked against Twilio's published example.
/// </summary>
public static class EmulatorSignature
{
    public const string Header = "X-Twilio-Signature";

    public static string Compute(string url, IEnumerable<KeyValuePair<string, string>> fields, string authToken)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal).ThenBy(f => f.Value, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }
}
