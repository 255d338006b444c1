using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Inbox;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Tests.Core.Accounts;

/// <summary>
/// The account wizard's Done: all or nothing, after the emulator has accepted the credentials over HTTP; and deleting
/// a channel.
/// </summary>
[Trait("Storage", "Both")]
[Collection(AppCollection.Name)]
public sealed class AccountServiceTests(AppHost app)
{
    [Fact]
    public async Task Finish_saves_the_account_with_all_its_numbers()
    {
        string[] numbers = [TestData.UniqueNumber(), TestData.UniqueNumber()];
        var input = app.NewAccount(numbers);

        var result = await app.WithServiceAsync((AccountService s) => s.CreateAsync(input));

        Assert.True(result.Succeeded, result.FirstMessage);
        var saved = await app.WithServiceAsync((AccountService s) => s.GetAsync(result.Value));
        Assert.NotNull(saved);
        Assert.Equal(input.Channel.Name, saved.Name);
        Assert.Equal(numbers.Order(), saved.Numbers.Select(n => n.Number).Order());
    }

    [Fact]
    public async Task Finish_with_a_number_another_account_uses_saves_nothing()
    {
        var fresh = TestData.UniqueNumber();
        var input = app.NewAccount(fresh, DemoData.DemoNumber);

        var result = await app.WithServiceAsync((AccountService s) => s.CreateAsync(input));

        Assert.False(result.Succeeded);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("Numbers[1].Number", problem.Field);
        Assert.Equal($"{DemoData.DemoNumber} is already used by another account.", problem.Message);
        await AssertNothingSavedAsync(input.Id, fresh);
    }

    [Fact]
    public async Task Finish_with_credentials_Twilio_rejects_saves_nothing()
    {
        var fresh = TestData.UniqueNumber();
        var input = app.NewAccount(fresh);
        input.Credentials.AuthToken = "00000000000000000000000000000000";

        var result = await app.WithServiceAsync((AccountService s) => s.CreateAsync(input));

        Assert.False(result.Succeeded);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("Credentials.AuthToken", problem.Field);
        Assert.StartsWith("Twilio rejected this Account SID / Auth Token", problem.Message);
        await AssertNothingSavedAsync(input.Id, fresh);
    }

    [Fact]
    public async Task Finish_pressed_twice_saves_the_account_once()
    {
        var input = app.NewAccount(TestData.UniqueNumber());
        Assert.True((await app.WithServiceAsync((AccountService s) => s.CreateAsync(input))).Succeeded);

        input.Numbers = [new NumberInput { DisplayName = "Another", Number = TestData.UniqueNumber() }];
        var second = await app.WithServiceAsync((AccountService s) => s.CreateAsync(input));

        Assert.Equal("This account has already been saved.", second.FirstMessage);
        await using var db = await app.CreateDbContextAsync();
        Assert.False(await db.Numbers.AnyAsync(n => n.Number == input.Numbers[0].Number));
    }

    [Fact]
    public async Task Number_of_a_deleted_account_is_free_to_add_again()
    {
        var number = TestData.UniqueNumber();
        var first = await app.WithServiceAsync((AccountService s) => s.CreateAsync(app.NewAccount(number)));
        Assert.True((await app.WithServiceAsync((AccountService s) => s.DeleteAsync(first.Value, force: false))).Succeeded);

        var second = await app.WithServiceAsync((AccountService s) => s.CreateAsync(app.NewAccount(number)));

        Assert.True(second.Succeeded, second.FirstMessage);
    }

    [Fact]
    public async Task Delete_is_refused_while_a_conversation_is_open_and_when_forced_closes_it_keeping_the_history()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var conversation = await channel.OpenConversationAsync(body: "Where is my order?");
        var name = (await app.WithServiceAsync((AccountService s) => s.GetAsync(channel.AccountId)))!.Name;

        var refused = await app.WithServiceAsync((AccountService s) => s.DeleteAsync(channel.AccountId, force: false));

        Assert.False(refused.Succeeded);
        Assert.Equal("1 conversation on this channel is still open. Close it first, or delete anyway to close it now.", refused.FirstMessage);
        Assert.NotEqual(ConversationStatus.Closed, (await app.ConversationAsync(conversation)).Status);
        Assert.NotNull(await app.WithServiceAsync((AccountService s) => s.GetAsync(channel.AccountId)));
        await using (var db = await app.CreateDbContextAsync())
        {
            Assert.True(await db.WhatsAppSetups.AnyAsync(s => s.NumberId == channel.NumberId), "the number was released");
            Assert.Null((await db.Numbers.SingleAsync(n => n.Id == channel.NumberId)).RetiredAt);
        }

        var deleted = await app.WithServiceAsync((AccountService s) => s.DeleteAsync(channel.AccountId, force: true));

        Assert.True(deleted.Succeeded, deleted.FirstMessage);
        var closed = await app.ConversationAsync(conversation);
        Assert.Equal(ConversationStatus.Closed, closed.Status);
        Assert.NotNull(closed.ClosedAt);
        Assert.Contains($"Closed because the channel {name} was deleted", await app.SystemLinesAsync(conversation));
        Assert.Null(await app.WithServiceAsync((AccountService s) => s.GetAsync(channel.AccountId)));
        var history = await app.GetRequiredService<InboxQueries>().ConversationAsync(conversation, await app.SupervisorAsync());
        Assert.True(history.Succeeded, history.FirstMessage);
        Assert.Contains(history.Value!.Messages, m => m.Body == "Where is my order?");
        await using (var db = await app.CreateDbContextAsync())
        {
            Assert.NotNull((await db.Accounts.SingleAsync(a => a.Id == channel.AccountId)).DeletedAt);
            Assert.False(await db.WhatsAppSetups.AnyAsync(s => s.NumberId == channel.NumberId), "the number is still bound to its workstream");
        }
        Assert.False(await app.WithServiceAsync((AccountService s) => s.IsNumberInUseAsync(channel.Number)));
    }

    private async Task AssertNothingSavedAsync(Guid accountId, string number)
    {
        await using var db = await app.CreateDbContextAsync();
        Assert.False(await db.Accounts.AnyAsync(a => a.Id == accountId), "the account was saved");
        Assert.False(await db.Numbers.AnyAsync(n => n.Number == number), "a number was saved");
    }
}
