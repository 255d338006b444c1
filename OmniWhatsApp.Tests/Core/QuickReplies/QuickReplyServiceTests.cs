using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.QuickReplies;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.QuickReplies;

[Collection(AppCollection.Name)]
public sealed class QuickReplyServiceTests(AppHost app)
{
    private QuickReplyService Service => app.GetRequiredService<QuickReplyService>();

    private static string Shortcut() => "greet-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Quick_replies_are_added_edited_listed_by_shortcut_and_deleted()
    {
        var shortcut = Shortcut();
        var created = await Service.CreateAsync(new QuickReplyInput { Shortcut = shortcut, Text = "Hello! How can I help?" });
        Assert.True(created.Succeeded, created.FirstMessage);

        var updated = await Service.UpdateAsync(created.Value, new QuickReplyInput { Shortcut = shortcut + "-2", Text = "Hi there!" });
        Assert.True(updated.Succeeded, updated.FirstMessage);
        var listed = await Service.ListAsync();
        Assert.Contains(new QuickReplySummary(created.Value, shortcut + "-2", "Hi there!"), listed);
        Assert.Equal(listed.Select(r => r.Shortcut).Order(StringComparer.Ordinal), listed.Select(r => r.Shortcut));

        Assert.True((await Service.DeleteAsync(created.Value)).Succeeded);
        Assert.DoesNotContain(await Service.ListAsync(), r => r.Id == created.Value);
        Assert.Equal("The quick reply no longer exists.", (await Service.DeleteAsync(created.Value)).FirstMessage);
    }

    [Fact]
    public async Task A_shortcut_is_unique_also_when_renaming_onto_another()
    {
        var (a, b) = (Shortcut(), Shortcut());
        var first = await Service.CreateAsync(new QuickReplyInput { Shortcut = a, Text = "One" });
        var second = await Service.CreateAsync(new QuickReplyInput { Shortcut = b, Text = "Two" });

        var duplicate = await Service.CreateAsync(new QuickReplyInput { Shortcut = a, Text = "Again" });
        var renamed = await Service.UpdateAsync(second.Value, new QuickReplyInput { Shortcut = a, Text = "Two" });
        var unchanged = await Service.UpdateAsync(first.Value, new QuickReplyInput { Shortcut = a, Text = "One, edited" });

        Assert.Equal(new Problem("Shortcut", $"/{a} is already a quick reply."), Assert.Single(duplicate.Problems));
        Assert.Equal($"/{a} is already a quick reply.", renamed.FirstMessage);
        Assert.True(unchanged.Succeeded, unchanged.FirstMessage);
    }

    [Theory]
    [InlineData("", "Hi", "Shortcut", "Enter a shortcut.")]
    [InlineData("Refund", "Hi", "Shortcut", "Use lowercase letters, digits and hyphens only, e.g. refund-policy.")]
    [InlineData("refund policy", "Hi", "Shortcut", "Use lowercase letters, digits and hyphens only, e.g. refund-policy.")]
    [InlineData("/refund", "Hi", "Shortcut", "Use lowercase letters, digits and hyphens only, e.g. refund-policy.")]
    [InlineData("refund", "", "Text", "Enter the text of the reply.")]
    [InlineData("refund", "1601", "Text", "Use at most 1600 characters.")]
    public async Task Bad_input_is_refused_with_a_message_for_its_field_and_nothing_is_stored(string shortcut, string text, string field, string message)
    {
        if (text == "1601") text = new string('x', 1601);
        var before = (await Service.ListAsync()).Count;

        var refused = await Service.CreateAsync(new QuickReplyInput { Shortcut = shortcut, Text = text });

        Assert.Equal(new Problem(field, message), Assert.Single(refused.Problems));
        Assert.Equal(before, (await Service.ListAsync()).Count);
    }

    [Fact]
    public async Task The_longest_allowed_text_and_shortcut_are_accepted()
    {
        var shortcut = ("a-1-" + new string('z', 40))[..40];
        var created = await Service.CreateAsync(new QuickReplyInput { Shortcut = shortcut, Text = new string('x', 1600) });
        Assert.True(created.Succeeded, created.FirstMessage);
        await Service.DeleteAsync(created.Value);
    }
}
