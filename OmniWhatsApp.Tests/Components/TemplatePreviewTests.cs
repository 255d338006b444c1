using Bunit;
using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Components.Shared;

namespace OmniWhatsApp.Tests.Components;

public sealed class TemplatePreviewTests : ComponentTest
{
    private IRenderedComponent<TemplatePreview> Preview(RichContent content, params string[] samples) =>
        Render<TemplatePreview>(p => p.Add(c => c.Content, content).Add(c => c.Samples, samples));

    [Fact]
    public void Text_shows_the_samples_in_place_of_the_variables_and_marks_them()
    {
        var preview = Preview(new RichContent { Type = RichContentType.Text, Body = "Hello {{1}}, order {{2}} is ready. Thanks, {{1}}!" }, "Ayşe", "4711");

        Assert.Equal("Hello Ayşe, order 4711 is ready. Thanks, Ayşe!", preview.Find("[data-testid=template-preview]").TextContent);
        var marked = preview.FindAll(".placeholder");
        Assert.Equal(["Ayşe", "4711", "Ayşe"], marked.Select(m => m.TextContent));
        Assert.Equal(["1", "2", "1"], marked.Select(m => m.GetAttribute("data-variable")));
        Assert.Empty(preview.FindAll("[data-testid=preview-reply], [data-testid=preview-action], [data-testid=preview-media]"));
    }

    [Fact]
    public void A_variable_without_a_sample_stays_visible_as_written()
    {
        var preview = Preview(new RichContent { Type = RichContentType.Text, Body = "Hi {{1}}, see you at {{2}}" }, "Oleg");

        Assert.Equal("Hi Oleg, see you at {{2}}", preview.Find("[data-testid=template-preview]").TextContent);
        Assert.Equal("{{2}}", preview.FindAll(".placeholder")[1].TextContent);
    }

    [Fact]
    public void The_text_alone_is_still_offered_to_the_template_picker()
    {
        var preview = Render<TemplatePreview>(p => p.Add(c => c.Body, "Hello {{1}}").Add(c => c.Values, new[] { "Jane" }));

        Assert.Equal("Hello Jane", preview.Find("[data-testid=template-preview]").TextContent);
        Assert.Empty(preview.FindAll("[data-testid=rich-preview]"));
    }

    [Fact]
    public void Media_shows_the_image_above_the_caption()
    {
        var preview = Preview(new RichContent { Type = RichContentType.Media, Body = "Your invoice {{1}}", MediaUrl = "https://example.com/files/invoice.png" }, "INV-9");

        Assert.Equal("https://example.com/files/invoice.png", preview.Find("[data-testid=preview-media] img").GetAttribute("src"));
        Assert.Equal("Your invoice INV-9", preview.Find("[data-testid=template-preview]").TextContent);
    }

    [Fact]
    public void Media_that_is_not_an_image_is_named_by_its_file()
    {
        var preview = Preview(new RichContent { Type = RichContentType.Media, Body = "The manual", MediaUrl = "https://example.com/docs/manual.pdf?x=1" });

        Assert.Empty(preview.FindAll("[data-testid=preview-media] img"));
        Assert.Equal("manual.pdf", preview.Find(".wa-media-name").TextContent);
    }

    [Fact]
    public void Every_quick_reply_shows_under_the_bubble_up_to_the_limit_of_ten()
    {
        var buttons = Enumerable.Range(1, 10).Select(i => new RichButton(RichButtonKind.QuickReply, $"Choice {i}", $"choice_{i}")).ToList();
        var preview = Preview(new RichContent { Type = RichContentType.QuickReply, Body = "Pick one", Buttons = buttons });

        var replies = preview.FindAll("[data-testid=preview-reply]");
        Assert.Equal(buttons.Select(b => b.Title), replies.Select(r => r.TextContent.Trim()));
        Assert.Equal(buttons.Select(b => b.Id), replies.Select(r => r.GetAttribute("data-id")));
        // Under the bubble, not inside it.
        Assert.Empty(preview.FindAll(".wa-bubble [data-testid=preview-reply]"));
    }

    [Fact]
    public void Call_to_action_buttons_show_in_the_bubble_with_a_link_or_a_phone_icon()
    {
        var preview = Preview(new RichContent
        {
            Type = RichContentType.CallToAction,
            Body = "Track order {{1}}",
            Buttons = [new RichButton(RichButtonKind.Url, "Track", Url: "https://shop.example/track/{{1}}"), new RichButton(RichButtonKind.PhoneNumber, "Call us", Phone: "+905551112233")],
        }, "A-1");

        var actions = preview.FindAll(".wa-bubble [data-testid=preview-action]");
        Assert.Equal(["Track", "Call us"], actions.Select(a => a.TextContent.Trim()));
        Assert.Equal(["Url", "PhoneNumber"], actions.Select(a => a.GetAttribute("data-kind")));
        Assert.Equal("https://shop.example/track/{{1}}", actions[0].GetAttribute("title"));
        Assert.Equal("+905551112233", actions[1].GetAttribute("title"));
        Assert.Equal(2, preview.FindAll(".wa-bubble [data-testid=preview-action] svg").Count);
    }

    [Fact]
    public void The_list_button_opens_every_row_with_its_description()
    {
        var items = Enumerable.Range(1, 10).Select(i => new RichListItem($"row_{i}", $"Row {i}", i % 2 == 0 ? $"Detail {i}" : null)).ToList();
        var preview = Preview(new RichContent { Type = RichContentType.ListPicker, Body = "How can we help?", ListButton = "See topics", Items = items });

        var button = preview.Find("[data-testid=preview-list-button]");
        Assert.Equal("See topics", button.TextContent.Trim());
        Assert.Equal("false", button.GetAttribute("aria-expanded"));
        Assert.Empty(preview.FindAll("[data-testid=preview-list-item]"));

        button.Click();

        var rows = preview.FindAll("[data-testid=preview-list-item]");
        Assert.Equal(10, rows.Count);
        Assert.Equal(items.Select(i => i.Id), rows.Select(r => r.GetAttribute("data-id")));
        Assert.Equal("Row 2", rows[1].QuerySelector(".wa-list-item")!.TextContent);
        Assert.Equal("Detail 2", rows[1].QuerySelector(".wa-list-description")!.TextContent);
        Assert.Null(rows[0].QuerySelector(".wa-list-description"));
        Assert.Equal("true", preview.Find("[data-testid=preview-list-button]").GetAttribute("aria-expanded"));
    }

    [Fact]
    public void A_card_shows_its_image_text_footer_and_buttons()
    {
        var preview = Preview(new RichContent
        {
            Type = RichContentType.Card,
            Body = "Spring sale: hi {{1}}, 20% off this week",
            Subtitle = "Reply STOP to opt out",
            MediaUrl = "https://example.com/sale.jpg",
            Buttons = [new RichButton(RichButtonKind.Url, "Shop now", Url: "https://shop.example"), new RichButton(RichButtonKind.QuickReply, "Not now", "later")],
        }, "Mehmet");

        Assert.Equal("https://example.com/sale.jpg", preview.Find("[data-testid=preview-media] img").GetAttribute("src"));
        Assert.Equal("Spring sale: hi Mehmet, 20% off this week", preview.Find("[data-testid=template-preview]").TextContent);
        Assert.Equal("Reply STOP to opt out", preview.Find("[data-testid=preview-subtitle]").TextContent);
        Assert.Equal("Shop now", preview.Find("[data-testid=preview-action]").TextContent.Trim());
        Assert.Equal("Not now", preview.Find("[data-testid=preview-reply]").TextContent.Trim());
    }

    [Fact]
    public void A_card_without_an_image_keeps_a_place_for_it()
    {
        var preview = Preview(new RichContent { Type = RichContentType.Card, Body = "Text", Subtitle = "Footer" });

        Assert.Empty(preview.FindAll("[data-testid=preview-media] img"));
        Assert.Equal("No media yet", preview.Find(".wa-media-name").TextContent);
    }
}
