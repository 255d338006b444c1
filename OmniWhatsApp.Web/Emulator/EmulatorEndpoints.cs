using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Web.Emulator;

/// <summary>Points the Twilio client at the emulator this app hosts, on its own loopback address.</summary>
public sealed class EmulatorEndpoints(ServerUrls urls) : ITwilioEndpoints
{
    public const string ApiPath = "emulator/twilio/";
    public const string ContentApiPath = "emulator/twilio-content/";

    public bool IsEmulator => true;
    public Uri ApiBase => new(urls.Self, ApiPath);
    public Uri ContentApiBase => new(urls.Self, ContentApiPath);
}
