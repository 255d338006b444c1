using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Templates;

/// <summary>WhatsApp's rules for a template built in the studio, one by one.</summary>
public sealed class TemplateDraftValidatorTests
{
    private readonly TemplateDraftValidator validator = new(TestLocalizer.Strings);

    private static TemplateDraftInput Text(string body = "Hi {{1}}, your order {{2}} is on its way.", params string[] samples) => new()
    {
        WorkstreamId = 1,
        Name = "order_update",
        Language = "en",
        Body = body,
        Samples = samples.Length > 0 ? [.. samples] : ["Sarah", "#1042"],
    };

    private static TemplateDraftInput QuickReply(int buttons) => new()
    {
        WorkstreamId = 1,
        Name = "delivery_choice",
        Type = RichContentType.QuickReply,
        Body = "When should we deliver your order?",
        Buttons = Enumerable.Range(1, buttons).Select(i => new RichButtonInput { Kind = RichButtonKind.QuickReply, Title = $"Option {i}", Id = $"option_{i}" }).ToList(),
    };

    private static TemplateDraftInput ListPicker(int items) => new()
    {
        WorkstreamId = 1,
        Name = "topics",
        Type = RichContentType.ListPicker,
        Body = "What can we help you with?",
        ListButton = "Choose a topic",
        Items = Enumerable.Range(1, items).Select(i => new RichListItemInput { Id = $"topic_{i}", Item = $"Topic {i}", Description = "More about it" }).ToList(),
    };

    private IReadOnlyList<string> Messages(TemplateDraftInput input, string field) => validator.Validate(input).MessagesFor(field);

    private IReadOnlyList<string> AllMessages(TemplateDraftInput input) => validator.Validate(input).Errors.Select(e => e.ErrorMessage).ToList();

    [Fact]
    public void Well_formed_templates_of_every_approvable_type_pass()
    {
        Assert.Empty(AllMessages(Text()));
        Assert.Empty(AllMessages(QuickReply(3)));
        Assert.Empty(AllMessages(ListPicker(3)));
        Assert.Empty(AllMessages(new TemplateDraftInput { WorkstreamId = 1, Name = "invoice", Type = RichContentType.Media, Body = "Your invoice is attached.", MediaUrl = "https://example.com/invoice.pdf" }));
        Assert.Empty(AllMessages(new TemplateDraftInput
        {
            WorkstreamId = 1, Name = "track", Type = RichContentType.CallToAction, Body = "Your parcel is on its way.",
            Buttons = [new() { Kind = RichButtonKind.Url, Title = "Track it", Url = "https://example.com/track" }, new() { Kind = RichButtonKind.PhoneNumber, Title = "Call us", Phone = "+905551234567" }],
        }));
        Assert.Empty(AllMessages(new TemplateDraftInput
        {
            WorkstreamId = 1, Name = "offer", Type = RichContentType.Card, Body = "Winter sale: only this week.", Subtitle = "While stocks last",
            MediaUrl = "https://example.com/sale.png", Buttons = [new() { Kind = RichButtonKind.Url, Title = "Shop now", Url = "https://example.com/shop" }],
        }));
    }

    [Theory]
    [InlineData("Order update")]
    [InlineData("Order_Update")]
    [InlineData("order-update")]
    [InlineData("sipariş_durumu")]
    public void Name_uses_lowercase_letters_digits_and_underscores(string name)
    {
        var input = Text();
        input.Name = name;

        Assert.Equal(["Template names use lowercase letters, digits and underscores, as WhatsApp requires."], Messages(input, nameof(TemplateDraftInput.Name)));
    }

    [Fact]
    public void A_location_is_refused_as_a_template()
    {
        var input = Text();
        input.Type = RichContentType.Location;

        Assert.Equal(["A location cannot be a template: WhatsApp does not approve it. Agents can send one within 24 hours of the customer's last message."],
            Messages(input, nameof(TemplateDraftInput.Type)));
    }

    [Fact]
    public void The_body_takes_1024_characters_counted_as_characters_in_Turkish_and_Russian()
    {
        // "ğ" and "ж" take two bytes in UTF-8 each; WhatsApp counts characters.
        var turkish = Text("Sayın müşterimiz, " + new string('ğ', 1024 - 18), []);
        turkish.Samples = [];
        var russian = Text(new string('ж', 1025), []);
        russian.Samples = [];

        Assert.Empty(Messages(turkish, nameof(TemplateDraftInput.Body)));
        Assert.Equal(1024, turkish.Body.Length);
        Assert.Equal(["Use at most 1024 characters."], Messages(russian, nameof(TemplateDraftInput.Body)));
    }

    [Fact]
    public void A_call_to_action_body_takes_640_characters()
    {
        var input = new TemplateDraftInput
        {
            WorkstreamId = 1, Name = "track", Type = RichContentType.CallToAction, Body = new string('a', 641),
            Buttons = [new() { Kind = RichButtonKind.Url, Title = "Track it", Url = "https://example.com/track" }],
        };

        Assert.Equal(["Use at most 640 characters."], Messages(input, nameof(TemplateDraftInput.Body)));
    }

    [Fact]
    public void Placeholders_are_numbered_without_gaps()
    {
        Assert.Equal(["Placeholders are numbered from {{1}} without gaps; {{2}} is missing."],
            Messages(Text("Hi {{1}}, your order {{3}} is here.", "Sarah", "#1042", "Friday"), nameof(TemplateDraftInput.Body)));
    }

    [Theory]
    [InlineData("Hi {{1}}{{2}} is here.")]
    [InlineData("Hi {{1}} {{2}} is here.")]
    public void Placeholders_side_by_side_are_refused(string body)
    {
        Assert.Equal(["Put words between two placeholders: WhatsApp rejects them side by side."], Messages(Text(body), nameof(TemplateDraftInput.Body)));
    }

    [Theory]
    [InlineData("{{1}}, your order {{2}} is here.")]
    [InlineData("Hi {{1}}, your order is {{2}}")]
    [InlineData("  Hi {{1}}, your order is {{2}}  ")]
    public void A_placeholder_at_the_start_or_end_is_refused(string body)
    {
        Assert.Equal(["Do not start or end the text with a placeholder: WhatsApp rejects that."], Messages(Text(body), nameof(TemplateDraftInput.Body)));
    }

    [Fact]
    public void Every_placeholder_needs_a_sample_value()
    {
        var input = Text();
        input.Samples = ["Sarah", "  "];

        Assert.Equal(["Enter a sample value for {{2}}: WhatsApp's reviewers need one."], Messages(input, "Samples[1]"));
        Assert.Empty(Messages(input, "Samples[0]"));
    }

    [Fact]
    public void A_quick_reply_template_has_one_to_ten_buttons()
    {
        Assert.Empty(AllMessages(QuickReply(10)));
        Assert.Equal(["A template can have at most 10 reply buttons."], Messages(QuickReply(11), nameof(TemplateDraftInput.Buttons)));
        Assert.Equal(["Add at least one button."], Messages(QuickReply(0), nameof(TemplateDraftInput.Buttons)));
    }

    [Fact]
    public void A_reply_button_title_takes_20_characters_and_its_id_200()
    {
        var input = QuickReply(2);
        input.Buttons[0].Title = "Перезвоните мне позже"; // 21 characters
        input.Buttons[1].Id = new string('x', 201);

        Assert.Equal(["Use at most 20 characters."], Messages(input, "Buttons[0].Title"));
        Assert.Equal(["Use at most 200 characters."], Messages(input, "Buttons[1].Id"));
    }

    [Fact]
    public void A_twenty_character_Turkish_button_title_fits()
    {
        var input = QuickReply(1);
        input.Buttons[0].Title = "Şimdi değiştirmeyiniz"[..20];

        Assert.Empty(AllMessages(input));
    }

    [Fact]
    public void Reply_buttons_need_distinct_ids()
    {
        var input = QuickReply(2);
        input.Buttons[1].Id = input.Buttons[0].Id;

        Assert.Equal(["Two buttons have the same id."], Messages(input, nameof(TemplateDraftInput.Buttons)));
    }

    [Fact]
    public void A_call_to_action_has_at_most_two_links_and_one_call()
    {
        RichButtonInput Link(int i) => new() { Kind = RichButtonKind.Url, Title = $"Link {i}", Url = $"https://example.com/{i}" };
        RichButtonInput Call() => new() { Kind = RichButtonKind.PhoneNumber, Title = "Call us", Phone = "+74951234567" };
        TemplateDraftInput With(params RichButtonInput[] buttons) => new() { WorkstreamId = 1, Name = "cta", Type = RichContentType.CallToAction, Body = "See below.", Buttons = [.. buttons] };

        Assert.Empty(AllMessages(With(Link(1), Link(2), Call())));
        Assert.Equal(["At most 2 link buttons."], Messages(With(Link(1), Link(2), Link(3)), nameof(TemplateDraftInput.Buttons)));
        Assert.Equal(["At most one call button."], Messages(With(Call(), Call()), nameof(TemplateDraftInput.Buttons)));
        Assert.Equal(["Call-to-action templates have link and call buttons only."],
            Messages(With(new RichButtonInput { Kind = RichButtonKind.QuickReply, Title = "Yes", Id = "yes" }), nameof(TemplateDraftInput.Buttons)));
    }

    [Theory]
    [InlineData("http://example.com/track")]
    [InlineData("example.com/track")]
    [InlineData("ftp://example.com/file")]
    public void Links_and_media_use_https(string url)
    {
        var cta = new TemplateDraftInput { WorkstreamId = 1, Name = "cta", Type = RichContentType.CallToAction, Body = "See below.", Buttons = [new() { Kind = RichButtonKind.Url, Title = "Open", Url = url }] };
        var media = new TemplateDraftInput { WorkstreamId = 1, Name = "media", Type = RichContentType.Media, Body = "Here it is.", MediaUrl = url };

        Assert.Equal(["Use an https address that anyone can open."], Messages(cta, "Buttons[0].Url"));
        Assert.Equal(["Use an https address that anyone can open."], Messages(media, nameof(TemplateDraftInput.MediaUrl)));
    }

    [Fact]
    public void A_call_button_needs_an_international_number()
    {
        var input = new TemplateDraftInput { WorkstreamId = 1, Name = "cta", Type = RichContentType.CallToAction, Body = "Call us.", Buttons = [new() { Kind = RichButtonKind.PhoneNumber, Title = "Call", Phone = "0555 123 45 67" }] };

        Assert.Equal(["Enter the number in international form, such as +905551234567."], Messages(input, "Buttons[0].Phone"));
    }

    [Fact]
    public void A_list_has_one_to_ten_items_within_WhatsApps_lengths()
    {
        Assert.Empty(AllMessages(ListPicker(10)));
        Assert.Equal(["A list has at most 10 items."], Messages(ListPicker(11), nameof(TemplateDraftInput.Items)));
        Assert.Equal(["Add at least one item."], Messages(ListPicker(0), nameof(TemplateDraftInput.Items)));

        var input = ListPicker(2);
        input.Items[0].Item = "Возврат и обмен товаров"; // 23 characters fit
        input.Items[1].Item = "Доставка в другой город!"; // 24 fit
        input.Items[1].Description = new string('д', 72);
        Assert.Empty(AllMessages(input));

        input.Items[0].Item += "ов"; // 25
        input.Items[1].Description += "!";
        input.Items[1].Id = new string('x', 201);
        input.ListButton = "Выберите тему вопроса"; // 21
        Assert.Equal(["Use at most 24 characters."], Messages(input, "Items[0].Item"));
        Assert.Equal(["Use at most 72 characters."], Messages(input, "Items[1].Description"));
        Assert.Equal(["Use at most 200 characters."], Messages(input, "Items[1].Id"));
        Assert.Equal(["Use at most 20 characters."], Messages(input, nameof(TemplateDraftInput.ListButton)));
    }

    [Fact]
    public void A_card_needs_a_second_part_and_keeps_its_subtitle_short()
    {
        var input = new TemplateDraftInput { WorkstreamId = 1, Name = "offer", Type = RichContentType.Card, Body = "Winter sale: only this week." };
        Assert.Equal(["Add an image, a subtitle or a button to the card."], Messages(input, nameof(TemplateDraftInput.Buttons)));

        input.Subtitle = new string('s', 61);
        Assert.Equal(["Use at most 60 characters."], Messages(input, nameof(TemplateDraftInput.Subtitle)));
    }

    [Fact]
    public void Only_the_parts_of_the_type_are_checked_and_sent()
    {
        var input = Text();
        input.Buttons = [new() { Kind = RichButtonKind.QuickReply, Title = new string('x', 50) }];
        input.MediaUrl = "not a url";

        Assert.Empty(AllMessages(input));
        var content = input.ToContent();
        Assert.Empty(content.Buttons);
        Assert.Null(content.MediaUrl);
    }
}
