namespace OmniWhatsApp.Web.Emulator;

/// <summary>
/// The built-in Twilio emulator's demo account. Bound from the "Emulator" section; these credentials are
/// public on purpose (they open nothing but the emulator) and are documented in the README.
/// </summary>
public sealed class EmulatorOptions
{
    public const string Section = "Emulator";

    public string AccountSid { get; set; } = "";
    public string AuthToken { get; set; } = "";
    public string FriendlyName { get; set; } = "OmniWhatsApp emulator";
}
