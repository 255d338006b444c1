using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Outbound;

/// <summary>WhatsApp's limits for in-session buttons, lists and locations, field by field.</summary>
public sealed class RichMessageDraftValidatorTests
{
    private readonly RichMessageDraftValidator validator = new(TestLocalizer.Strings);

    private Dictionary<string, string> Problems(RichMessageDraft draft) =>
        validator.Validate(draft).Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.First().ErrorMessage);

    private static RichMessageDraft Buttons(params string[] titles) => new()
    {
        Kind = RichMessageKind.Buttons,
        Body = "How can we help?",
        Buttons = titles.Select(t => new RichButtonDraft { Title = t }).ToList(),
    };

    private static RichMessageDraft List(int rows) => new()
    {
        Kind = RichMessageKind.List,
        Body = "Pick a topic",
        ListButton = "Topics",
        Rows = Enumerable.Range(1, rows).Select(i => new RichRowDraft { Title = $"Topic {i}" }).ToList(),
    };

    [Fact]
    public void Three_buttons_of_20_characters_pass_and_a_fourth_button_or_a_21st_character_is_refused()
    {
        Assert.Empty(Problems(Buttons("Billing", "Delivery", new string('x', 20))));

        Assert.Equal("WhatsApp allows at most 3 buttons in a reply.", Problems(Buttons("A", "B", "C", "D"))["Buttons"]);
        Assert.Equal("Use at most 20 characters.", Problems(Buttons("Billing", new string('x', 21)))["Buttons[1].Title"]);
    }

    [Fact]
    public void A_button_needs_a_title_of_its_own_and_the_message_its_text()
    {
        var draft = Buttons("Billing", " ", "billing");
        draft.Body = "  ";

        var problems = Problems(draft);

        Assert.Equal("Write the text of the message.", problems["Body"]);
        Assert.Equal("Enter the button's title.", problems["Buttons[1].Title"]);
        Assert.Equal("Each button needs its own title.", problems["Buttons"]);
        Assert.Equal("Add at least one button.", Problems(Buttons())["Buttons"]);
    }

    [Fact]
    public void The_text_above_buttons_has_at_most_1024_characters()
    {
        var draft = Buttons("Yes");
        draft.Body = new string('a', 1024);
        Assert.Empty(Problems(draft));
        draft.Body = new string('a', 1025);
        Assert.Equal("Use at most 1024 characters.", Problems(draft)["Body"]);
    }

    [Fact]
    public void A_missing_id_is_made_from_the_title_and_ids_must_differ()
    {
        var draft = Buttons("Billing question", "Talk to a human");

        var content = draft.ToContent();

        Assert.Equal(RichContentType.QuickReply, content.Type);
        Assert.Equal(["billing-question", "talk-to-a-human"], content.Buttons.Select(b => b.Id));
        draft.Buttons[1].Id = "billing-question";
        Assert.Equal("Each button needs its own id.", Problems(draft)["Buttons"]);
        Assert.Equal("Enter an id: the title has no letters or digits to make one from.", Problems(Buttons("👍"))["Buttons[0].Id"]);
    }

    [Fact]
    public void A_list_has_1_to_10_rows_of_24_characters_with_72_character_descriptions_and_a_button_of_20()
    {
        Assert.Empty(Problems(List(10)));
        Assert.Equal("WhatsApp allows at most 10 rows in a list.", Problems(List(11))["Rows"]);
        Assert.Equal("Add at least one row.", Problems(List(0))["Rows"]);

        var draft = List(2);
        draft.Rows[0].Title = new string('r', 25);
        draft.Rows[1].Description = new string('d', 73);
        draft.ListButton = new string('b', 21);
        var problems = Problems(draft);
        Assert.Equal("Use at most 24 characters.", problems["Rows[0].Title"]);
        Assert.Equal("Use at most 72 characters.", problems["Rows[1].Description"]);
        Assert.Equal("Use at most 20 characters.", problems["ListButton"]);

        draft.ListButton = "";
        Assert.Equal("Enter the text of the button that opens the list.", Problems(draft)["ListButton"]);
    }

    [Fact]
    public void A_location_needs_coordinates_on_the_globe()
    {
        var draft = new RichMessageDraft { Kind = RichMessageKind.Location, Latitude = 41.0082, Longitude = 28.9784, Label = "Istanbul office" };
        Assert.Empty(Problems(draft));

        draft.Latitude = 90.5;
        draft.Longitude = null;
        var problems = Problems(draft);
        Assert.Equal("A latitude is between -90 and 90.", problems["Latitude"]);
        Assert.Equal("Enter the longitude.", problems["Longitude"]);
        Assert.False(problems.ContainsKey("Body"));

        draft.Longitude = -180.01;
        Assert.Equal("A longitude is between -180 and 180.", Problems(draft)["Longitude"]);
    }

    [Fact]
    public void What_the_server_receives_is_checked_as_the_form_would_be()
    {
        var content = new RichContent
        {
            Type = RichContentType.QuickReply,
            Body = "Choose",
            Buttons = [new(RichButtonKind.QuickReply, "One"), new(RichButtonKind.QuickReply, "Two"), new(RichButtonKind.QuickReply, "Three"), new(RichButtonKind.QuickReply, "Four")],
        };

        var draft = RichMessageDraft.From(content)!;

        Assert.Equal("WhatsApp allows at most 3 buttons in a reply.", Problems(draft)["Buttons"]);
        Assert.Null(RichMessageDraft.From(new RichContent { Type = RichContentType.Card, Body = "A card" }));
    }
}
