using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Web.Emulator;

/// <summary>With Emulator:WindowRefusal=HttpError, free text outside the window is refused by the create call itself.</summary>
public sealed class EmulatorWindowRefusalTests
{
    [Fact]
    public async Task Free_text_outside_the_window_gets_400_with_63016_and_is_not_created()
    {
        await using var app = await AppHost.StartAsync(o => o.With("Emulator:WindowRefusal", "HttpError"));
        var conversation = await app.OpenConversationAsync(await app.CreateChannelAsync(), lastInboundAt: DateTimeOffset.UtcNow.AddHours(-24));
        var credentials = app.EmulatorCredentials().ToCredentials();

        var result = await app.WithServiceAsync((TwilioGateway c) => c.CreateMessageAsync(credentials,
            new OutgoingMessage { From = "whatsapp:" + conversation.BusinessNumber, To = "whatsapp:" + conversation.Customer, Body = "Late reply" }));

        Assert.False(result.Succeeded);
        Assert.Equal(TwilioErrorKind.Rejected, result.Error!.Kind);
        Assert.Equal(TwilioErrorCodes.OutsideWindow, result.Error.Code);
        Assert.Equal(400, result.Error.HttpStatus);
        Assert.Empty(app.SentTo(conversation));
    }
}
