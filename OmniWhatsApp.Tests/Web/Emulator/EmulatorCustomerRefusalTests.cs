using OmniWhatsApp.Core.Inbound;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Emulator;

namespace OmniWhatsApp.Tests.Web.Emulator;

/// <summary>What the customer simulator hears when the app refuses a customer's message: the app's own reason.</summary>
[Collection(AppCollection.Name)]
public sealed class EmulatorCustomerRefusalTests(AppHost app)
{
    private EmulatorCustomerChannel Customers => app.GetRequiredService<EmulatorCustomerChannel>();

    [Fact]
    public async Task A_message_the_app_refuses_comes_back_with_the_apps_400_reason()
    {
        var channel = await app.CreateChannelAsync();

        var result = await Customers.SendFromCustomerAsync(channel.Number.Number, TestData.UniqueNumber(), null, new string('x', InboundForm.MaxBodyLength + 1));

        Assert.Equal(CustomerMessageOutcome.WebhookFailed, result.Outcome);
        Assert.Equal(400, result.WebhookStatus);
        Assert.Equal($"Body is longer than {InboundForm.MaxBodyLength} characters", result.WebhookReason);
    }

    [Fact]
    public async Task A_message_the_app_takes_has_no_reason()
    {
        var channel = await app.CreateChannelAsync();

        var result = await Customers.SendFromCustomerAsync(channel.Number.Number, TestData.UniqueNumber(), null, "Hello");

        Assert.Equal((CustomerMessageOutcome.Delivered, 200, null), (result.Outcome, result.WebhookStatus, result.WebhookReason));
    }
}
