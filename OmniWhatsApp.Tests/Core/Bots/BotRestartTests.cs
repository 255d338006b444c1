using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Bots;

/// <summary>The app stops while the external bot is working on a turn: after the restart the turn is taken again, once.</summary>
[Trait("Storage", "Both")]
public sealed class BotRestartTests
{
    [Fact]
    public async Task A_turn_cut_short_by_a_restart_is_taken_again_once()
    {
        var folder = Path.Combine(Path.GetTempPath(), "omniwhatsapp-tests", Guid.NewGuid().ToString("N"));
        await using var bot = await TestBot.StartAsync();
        var firstCall = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bot.Answer = async (_, context) =>
        {
            if (firstCall.TrySetResult())
            {
                // The first call never gets an answer: the app stops while waiting for it.
                try
                {
                    await Task.Delay(TimeSpan.FromMinutes(1), context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }
                return;
            }
            await TestBot.ReplyAsync(context, new { messages = new[] { new { text = "Answered after the restart" } } });
        };
        var customer = TestData.UniqueNumber();
        int id;

        await using (var first = await AppHost.StartAsync(o => (o.DataFolder, o.KeepDataFolder) = (folder, true)))
        {
            var channel = await WebhookChannel.CreateAsync(first);
            await channel.UseExternalBotAsync(bot, timeoutSeconds: 60);
            id = await channel.OpenConversationAsync(customer, "Hello, is the shop open?");
            await firstCall.Task.WaitAsync(TimeSpan.FromSeconds(15));
        }

        await using var second = await AppHost.StartAsync(o => o.DataFolder = folder);
        Assert.Equal(["Answered after the restart"],
            await Eventually.GetAsync(() => second.BotMessagesAsync(id), m => m.Count > 0, TimeSpan.FromSeconds(15), "the turn taken again"));
        await second.GetRequiredService<OmniWhatsApp.Core.Bots.BotWorker>().RunOnceAsync();
        Assert.Single(await second.BotMessagesAsync(id));
        var calls = bot.Calls.ToArray();
        Assert.Equal(2, calls.Length);
        Assert.Equal(calls[0].Json.GetProperty("turnId").GetInt64(), calls[1].Json.GetProperty("turnId").GetInt64());
        Assert.Equal(["Answered after the restart"],
            await Eventually.GetAsync(() => Task.FromResult(second.ReceivedBy(customer)), m => m.Count > 0, what: "the reply at the customer"));
    }
}
