using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Web.Emulator;

namespace OmniWhatsApp.Web.Hosting;

/// <summary>
/// Emulator mode, the app's side: its Twilio SDK calls for Twilio's hosts go to the emulator this app hosts, on its
/// own loopback address (see <see cref="TwilioAddressHandler"/>), as they would go to Twilio.
/// </summary>
public sealed class EmulatorTwilioEndpoints(ServerUrls urls) : ITwilioEndpoints
{
    public bool IsEmulator => true;
    public Uri ApiBase => new(urls.Self, TwilioEmulator.ApiPath);
    public Uri ContentApiBase => new(urls.Self, TwilioEmulator.ContentApiPath);
    public Uri MessagingApiBase => new(urls.Self, TwilioEmulator.MessagingApiPath);
}
