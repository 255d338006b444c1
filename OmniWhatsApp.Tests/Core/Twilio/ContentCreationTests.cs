using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Twilio;

/// <summary>
/// Creating Content API templates of every type the console builds, through Twilio's SDK against the emulator, and
/// reading them back from the account's list: what was built is what Twilio holds.
/// </summary>
public sealed class ContentCreationTests(AppHost app) : IClassFixture<AppHost>
{
    public static TheoryData<string> Kinds => new(Samples.Keys);

    private static readonly Dictionary<string, RichContent> Samples = new()
    {
        ["text"] = new() { Type = RichContentType.Text, Body = "Hi {{1}}, your order {{2}} has shipped." },
        ["media"] = new() { Type = RichContentType.Media, Body = "Your invoice {{1}}", MediaUrl = "https://example.com/invoice.pdf" },
        ["quick-reply"] = new()
        {
            Type = RichContentType.QuickReply,
            Body = "Did this answer your question, {{1}}?",
            Buttons = [new(RichButtonKind.QuickReply, "Yes", "yes"), new(RichButtonKind.QuickReply, "Hayır, değil", "no")],
        },
        ["call-to-action"] = new()
        {
            Type = RichContentType.CallToAction,
            Body = "Track order {{1}}",
            Buttons = [new(RichButtonKind.Url, "Track", Url: "https://example.com/track/{{1}}"), new(RichButtonKind.PhoneNumber, "Call us", Phone: "+905551234567")],
        },
        ["list-picker"] = new()
        {
            Type = RichContentType.ListPicker,
            Body = "Чем мы можем помочь?",
            ListButton = "Выбрать",
            Items = [new("billing", "Оплата", "Счета и платежи"), new("tech", "Техподдержка")],
        },
        ["card"] = new()
        {
            Type = RichContentType.Card,
            Body = "Your table for {{1}} is booked",
            Subtitle = "Reply to change it",
            MediaUrl = "https://example.com/table.jpg",
            Buttons = [new(RichButtonKind.QuickReply, "Change", "change"), new(RichButtonKind.Url, "Menu", Url: "https://example.com/menu")],
        },
        ["location"] = new() { Type = RichContentType.Location, Latitude = 41.0082, Longitude = 28.9784, Label = "Kadıköy branch", Address = "Caferağa Mh., İstanbul" },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_template_of_each_type_is_created_as_built_and_listed_back(string kind)
    {
        var content = Samples[kind];
        var gateway = app.GetRequiredService<TwilioGateway>();
        var name = "studio_" + kind.Replace('-', '_') + "_" + Guid.NewGuid().ToString("N")[..6];

        var created = await gateway.CreateContentAsync(Credentials(), name, "en", content, new Dictionary<string, string> { ["1"] = "Sarah", ["2"] = "#1042" });

        Assert.True(created.Succeeded, created.Error?.Message);
        Assert.StartsWith("HX", created.Value!.Sid);
        AssertSame(content, created.Value.Content);
        var listed = await gateway.ListContentAndApprovalsAsync(Credentials());
        var found = Assert.Single(listed.Value!, c => c.Sid == created.Value.Sid);
        Assert.Equal(name, found.FriendlyName);
        Assert.Equal("Sarah", found.Variables!["1"]);
        AssertSame(content, found.Content);
    }

    [Fact]
    public void The_stored_form_reads_back_the_same_and_a_broken_row_reads_as_nothing()
    {
        foreach (var content in Samples.Values)
        {
            AssertSame(content, RichContentJson.Deserialize(RichContentJson.Serialize(content)));
        }
        Assert.Contains("\"type\":\"listPicker\"", RichContentJson.Serialize(Samples["list-picker"]));
        Assert.Null(RichContentJson.Deserialize("{\"type\":\"carousel\"}"));
        Assert.Null(RichContentJson.Deserialize("not json"));
        Assert.Empty(RichContentJson.Deserialize("{\"type\":\"text\",\"body\":\"Hi\"}")!.Buttons);
    }

    private TwilioCredentials Credentials()
    {
        var emulator = app.EmulatorCredentials();
        return new TwilioCredentials(emulator.AccountSid, emulator.AuthToken);
    }

    /// <summary>Records with lists compare the lists by reference: compare what they hold.</summary>
    private static void AssertSame(RichContent expected, RichContent? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Buttons, actual.Buttons);
        Assert.Equal(expected.Items, actual.Items);
        Assert.Equal(expected with { Buttons = [], Items = [] }, actual with { Buttons = [], Items = [] });
    }
}
