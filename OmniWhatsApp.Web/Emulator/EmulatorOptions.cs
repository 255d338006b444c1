namespace OmniWhatsApp.Web.Emulator;

/// <summary>
/// The built-in Twilio emulator: its demo account and how it behaves. Bound from the "Emulator" section; the
/// credentials are public on purpose (they open nothing but the emulator) and are documented in the README.
/// </summary>
public sealed class EmulatorOptions
{
    public const string Section = "Emulator";

    public string AccountSid { get; set; } = "";
    public string AuthToken { get; set; } = "";
    public string FriendlyName { get; set; } = "OmniWhatsApp emulator";

    /// <summary>Where the emulator keeps its messages, media and window data, relative to the content root.</summary>
    public string DataPath { get; set; } = "data/emulator";

    /// <summary>Time between an outbound message's steps: queued → sent → delivered → read.</summary>
    public TimeSpan StatusDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Tries per webhook (status callback, inbound message) when the app does not answer 2xx.</summary>
    public int CallbackAttempts { get; set; } = 3;

    /// <summary>Wait before the second try; it grows linearly with each further try.</summary>
    public TimeSpan CallbackRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How a free-form message outside the 24-hour window is refused: <see cref="WindowRefusal.StatusCallback"/>
    /// (201, then a failed callback with 63016, as Twilio usually does) or <see cref="WindowRefusal.HttpError"/>
    /// (the create call answers 400 with code 63016).
    /// </summary>
    public WindowRefusal WindowRefusal { get; set; } = WindowRefusal.StatusCallback;

    /// <summary>
    /// Numbers that behave as Twilio's WhatsApp sandbox: customers must send <see cref="SandboxJoinCode"/> first,
    /// and messages to customers who have not joined fail with 63015. Empty by default, so the demo number works
    /// without a join step; add +14155238886 to rehearse the sandbox.
    /// </summary>
    public List<string> SandboxNumbers { get; set; } = [];

    public string SandboxJoinCode { get; set; } = "join omni-demo";

    /// <summary>How long a sandbox membership lasts (Twilio: 3 days).</summary>
    public TimeSpan SandboxMembership { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How the emulated WhatsApp reviews a template submitted for approval.</summary>
    public EmulatorTemplateReview TemplateReview { get; set; } = new();
}

/// <summary>
/// The emulated WhatsApp review ("Emulator:TemplateReview"): a submitted template is received, pending from half of
/// <see cref="ApproveAfterSeconds"/>, then approved — or rejected with <see cref="RejectReason"/> when its approval
/// name or text matches <see cref="RejectPattern"/> (so a demo can show a rejection).
/// </summary>
public sealed class EmulatorTemplateReview
{
    public double ApproveAfterSeconds { get; set; } = 4;

    /// <summary>A regular expression (case-insensitive) tried on the name and the text; empty: nothing is rejected.</summary>
    public string RejectPattern { get; set; } = "reject";

    public string RejectReason { get; set; } = "The template does not follow WhatsApp's Business Messaging Policy.";
}

public enum WindowRefusal
{
    StatusCallback,
    HttpError,
}
