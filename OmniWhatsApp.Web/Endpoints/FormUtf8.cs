using System.Text.Unicode;

namespace OmniWhatsApp.Web.Endpoints;

/// <summary>
/// Whether a form-encoded body holds bytes that are not UTF-8 once percent-decoded. ASP.NET's form reader puts U+FFFD
/// in their place; the webhook stores that and logs that it happened.
/// </summary>
public static class FormUtf8
{
    public static bool HasInvalidUtf8(ReadOnlySpan<byte> body)
    {
        var buffer = new byte[body.Length];
        while (!body.IsEmpty)
        {
            var end = body.IndexOfAny((byte)'&', (byte)'=');
            var part = end < 0 ? body : body[..end];
            if (!Utf8.IsValid(buffer.AsSpan(0, Decode(part, buffer)))) return true;
            body = end < 0 ? [] : body[(end + 1)..];
        }
        return false;
    }

    /// <summary>Percent-decodes <paramref name="part"/> ('+' is a space; a '%' without two hex digits stays as it is).</summary>
    private static int Decode(ReadOnlySpan<byte> part, byte[] into)
    {
        var length = 0;
        for (var i = 0; i < part.Length; i++)
        {
            var b = part[i];
            if (b == (byte)'+') b = (byte)' ';
            else if (b == (byte)'%' && i + 2 < part.Length && Hex(part[i + 1]) is var high and >= 0 && Hex(part[i + 2]) is var low and >= 0)
            {
                b = (byte)(high * 16 + low);
                i += 2;
            }
            into[length++] = b;
        }
        return length;
    }

    private static int Hex(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
