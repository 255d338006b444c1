namespace OmniWhatsApp.Core.Inbound;

/// <summary>Where attachments are kept and what is accepted. Bound from the "Media" section.</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>Folder for stored files, relative to the content root; never under wwwroot.</summary>
    public string Path { get; set; } = "data/media";

    public long MaxImageBytes { get; set; } = 5 * 1024 * 1024;
    public long MaxFileBytes { get; set; } = 16 * 1024 * 1024;
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How long a signed link to an agent's upload works for Twilio (counted from each send attempt).</summary>
    public TimeSpan PublicLinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>WhatsApp's media types (Twilio's list): images, audio, documents, video, contacts.</summary>
    public static readonly IReadOnlyDictionary<string, string> Extensions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["image/jpeg"] = ".jpg",
        ["image/png"] = ".png",
        ["audio/ogg"] = ".ogg",
        ["audio/amr"] = ".amr",
        ["audio/3gpp"] = ".3gp",
        ["audio/aac"] = ".aac",
        ["audio/mpeg"] = ".mp3",
        ["audio/mp4"] = ".m4a",
        ["application/pdf"] = ".pdf",
        ["application/msword"] = ".doc",
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = ".docx",
        ["application/vnd.openxmlformats-officedocument.presentationml.presentation"] = ".pptx",
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = ".xlsx",
        ["video/mp4"] = ".mp4",
        ["text/vcard"] = ".vcf",
        ["text/x-vcard"] = ".vcf",
    };

    public static bool IsAllowed(string contentType) => Extensions.ContainsKey(contentType);

    public static bool IsImage(string contentType) => contentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether two types are of the same kind (image, audio, video, application, text).</summary>
    public static bool SameKind(string a, string b) =>
        string.Equals(a.Split('/')[0], b.Split('/')[0], StringComparison.OrdinalIgnoreCase);

    public long LimitFor(string contentType) => IsImage(contentType) ? MaxImageBytes : MaxFileBytes;
}
