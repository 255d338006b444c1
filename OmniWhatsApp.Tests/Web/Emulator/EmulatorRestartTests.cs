using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Emulator;

namespace OmniWhatsApp.Tests.Web.Emulator;

/// <summary>The emulator keeps what the app told it across a restart, and the app tells it again where it now listens.</summary>
public sealed class EmulatorRestartTests
{
    [Fact]
    public async Task Senders_and_approved_templates_survive_a_restart_and_the_senders_follow_the_apps_new_address()
    {
        var folder = Path.Combine(Path.GetTempPath(), "omniwhatsapp-tests", Guid.NewGuid().ToString("N"));
        string number, contentSid, firstInbound;
        Guid accountId;

        await using (var first = await AppHost.StartAsync(o => { o.DataFolder = folder; o.KeepDataFolder = true; }))
        {
            var channel = await WebhookChannel.CreateAsync(first);
            (number, accountId, firstInbound) = (channel.Number, channel.AccountId, channel.Urls.Inbound);
            contentSid = first.ApproveOnEmulator("restart_check", "We are back, {{1}}.");
            Assert.Equal(firstInbound, first.GetRequiredService<EmulatorState>().SenderFor("whatsapp:" + number)?.CallbackUrl);
        }

        // No public address is set, so the callback URLs carry the app's loopback port, which is new after the restart.
        await using var second = await AppHost.StartAsync(o => o.DataFolder = folder);
        var state = second.GetRequiredService<EmulatorState>();
        var inbound = second.Url($"api/twilio/{accountId}/inbound").ToString();
        Assert.NotEqual(firstInbound, inbound);
        Assert.Equal(inbound, state.SenderFor("whatsapp:" + number)?.CallbackUrl);
        Assert.Equal(["whatsapp:" + number], state.Senders.Where(s => s.SenderId == "whatsapp:" + number).Select(s => s.SenderId));
        var template = second.GetRequiredService<EmulatorContent>().Find(contentSid);
        Assert.NotNull(template);
        Assert.Equal(("approved", "We are back, {{1}}."), (template.ApprovalStatus, template.Body));

        var result = await second.GetRequiredService<EmulatorCustomerChannel>().SendFromCustomerAsync(number, TestData.UniqueNumber(), null, "Hello again");
        Assert.Equal(CustomerMessageOutcome.Delivered, result.Outcome);
    }
}
