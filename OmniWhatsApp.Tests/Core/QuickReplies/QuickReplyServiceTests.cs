using OmniWhatsApp.Core.QuickReplies;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Tests.Core.QuickReplies;

/// <summary>Canned responses: what a shortcut may be, unique shortcuts, who manages them, how the composer finds them.</summary>
[Collection(AppCollection.Name)]
[Trait("Storage", "Both")]
public sealed class QuickReplyServiceTests(AppHost app)
{
    private QuickReplyService Service => app.GetRequiredService<QuickReplyService>();

    private static string Shortcut() => "reply-" + Guid.NewGuid().ToString("N")[..8];

    [Theory]
    [InlineData("", "Enter a shortcut.")]
    [InlineData("Refund", "Use lowercase letters, digits and hyphens only, without the slash (for example refund-policy).")]
    [InlineData("/refund", "Use lowercase letters, digits and hyphens only, without the slash (for example refund-policy).")]
    [InlineData("refund policy", "Use lowercase letters, digits and hyphens only, without the slash (for example refund-policy).")]
    [InlineData("a-very-long-shortcut-that-nobody-could-type-0123", "Use at most 40 characters.")]
    public async Task A_shortcut_is_lowercase_letters_digits_and_hyphens(string shortcut, string message)
    {
        var result = await Service.CreateAsync(new QuickReplyInput { Shortcut = shortcut, Text = "Hello" }, await app.SupervisorAsync());

        var problem = Assert.Single(result.Problems);
        Assert.Equal((nameof(QuickReplyInput.Shortcut), message), (problem.Field, problem.Message));
    }

    [Theory]
    [InlineData("   ", "Enter the text of the reply.")]
    [InlineData(null, "A WhatsApp message has at most 1600 characters.")]
    public async Task The_text_is_needed_and_fits_one_WhatsApp_message(string? text, string message)
    {
        var result = await Service.CreateAsync(new QuickReplyInput { Shortcut = Shortcut(), Text = text ?? new string('x', 1601) }, await app.SupervisorAsync());

        var problem = Assert.Single(result.Problems);
        Assert.Equal((nameof(QuickReplyInput.Text), message), (problem.Field, problem.Message));
    }

    [Fact]
    public async Task Shortcuts_are_unique_on_create_and_on_update()
    {
        var supervisor = await app.SupervisorAsync();
        var taken = Shortcut();
        var first = await Service.CreateAsync(new QuickReplyInput { Shortcut = taken, Text = "First" }, supervisor);
        var second = await Service.CreateAsync(new QuickReplyInput { Shortcut = Shortcut(), Text = "Second" }, supervisor);

        var again = await Service.CreateAsync(new QuickReplyInput { Shortcut = taken, Text = "Again" }, supervisor);
        var renamed = await Service.UpdateAsync(second.Value!, new QuickReplyInput { Shortcut = taken, Text = "Second" }, supervisor);

        Assert.True(first.Succeeded && second.Succeeded);
        Assert.Equal($"The shortcut /{taken} is already used.", again.FirstMessage);
        Assert.Equal((nameof(QuickReplyInput.Shortcut), $"The shortcut /{taken} is already used."), (renamed.Problems[0].Field, renamed.FirstMessage));
    }

    [Fact]
    public async Task Supervisors_and_admins_create_update_and_delete_them_and_agents_cannot()
    {
        var agent = Actor.Agent(await app.AddAgentAsync("Curious Carl", []));
        var supervisor = await app.SupervisorAsync();
        var shortcut = Shortcut();

        var refused = await Service.CreateAsync(new QuickReplyInput { Shortcut = shortcut, Text = "Hi" }, agent);
        var created = await Service.CreateAsync(new QuickReplyInput { Shortcut = shortcut, Text = "  Hi there  " }, supervisor);
        var agentUpdate = await Service.UpdateAsync(created.Value!, new QuickReplyInput { Shortcut = shortcut, Text = "Changed" }, agent);
        var agentDelete = await Service.DeleteAsync(created.Value!, agent);

        Assert.Equal("Only supervisors and admins can manage quick replies.", refused.FirstMessage);
        Assert.Equal("Only supervisors and admins can manage quick replies.", agentUpdate.FirstMessage);
        Assert.Equal("Only supervisors and admins can manage quick replies.", agentDelete.FirstMessage);
        Assert.Contains(new QuickReplySummary(created.Value!, shortcut, "Hi there"), await Service.ListAsync());

        Assert.True((await Service.UpdateAsync(created.Value!, new QuickReplyInput { Shortcut = shortcut + "-2", Text = "Hello" }, supervisor)).Succeeded);
        Assert.Contains(new QuickReplySummary(created.Value!, shortcut + "-2", "Hello"), await Service.ListAsync());
        Assert.True((await Service.DeleteAsync(created.Value!, supervisor)).Succeeded);
        Assert.DoesNotContain(await Service.ListAsync(), q => q.Id == created.Value);
        Assert.Equal("The quick reply no longer exists.", (await Service.DeleteAsync(created.Value!, supervisor)).FirstMessage);
    }

    [Fact]
    public async Task The_demo_data_has_two_quick_replies()
    {
        var all = await Service.ListAsync();

        foreach (var demo in DemoData.QuickReplies) Assert.Contains(all, q => q.Shortcut == demo.Shortcut && q.Text == demo.Text);
    }

    [Fact]
    public void What_follows_the_slash_finds_shortcuts_starting_with_it_first_then_shortcuts_and_texts_containing_it()
    {
        QuickReplySummary[] replies =
        [
            new(1, "thanks", "Thank you for your order!"),
            new(2, "order-number", "Could you send me your order number?"),
            new(3, "refund", "Your refund is on its way."),
            new(4, "reorder", "Would you like to order again?"),
        ];

        Assert.Equal(["order-number", "reorder", "thanks"], QuickReplyService.Filter(replies, "order").Select(r => r.Shortcut));
        Assert.Equal(["order-number", "refund", "reorder", "thanks"], QuickReplyService.Filter(replies, "").Select(r => r.Shortcut));
        Assert.Equal(["refund"], QuickReplyService.Filter(replies, "WAY").Select(r => r.Shortcut));
        Assert.Empty(QuickReplyService.Filter(replies, "nothing"));
    }
}
