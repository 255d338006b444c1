using OmniWhatsApp.Tests.Browser.Mud;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class TemplateStudioTests(BrowserFixture browser)
{
    /// <summary>
    /// A host of its own: the emulator's WhatsApp review decides after two seconds (rejecting names that contain
    /// "promo"), and the app reads approvals every second.
    /// </summary>
    private static Task<AppHost> StartAsync() => AppHost.StartAsync(o => o
        .With("Emulator:TemplateReview:ApproveAfterSeconds", "2")
        .With("Emulator:TemplateReview:RejectPattern", "promo")
        .With("Emulator:TemplateReview:RejectReason", "Promotional content in a utility template.")
        .With("Templates:ApprovalRefreshSeconds", "1"));

    [Fact]
    public async Task Admin_builds_a_quick_reply_template_submits_it_and_sees_it_approved()
    {
        await using var app = await StartAsync();
        var channel = await app.CreateChannelAsync(templates: []);
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        var list = await TemplatesPage.OpenAsync(session.Page, channel.WorkstreamId);

        var studio = await list.NewAsync();
        await Expect(studio.Workstream).Not.ToHaveValueAsync("");
        await studio.Name.FillAsync("delivery_choice");
        await studio.Type.SelectAsync("Quick reply buttons");
        await studio.Body.FillAsync("Hello {{1}}, when should we deliver your order?");
        await Expect(studio.Sample(1)).ToBeVisibleAsync();
        await studio.Sample(1).FillAsync("Ayşe");
        await studio.SetReplyButtonAsync(1, "Tomorrow", "deliver_tomorrow");
        await studio.SetReplyButtonAsync(2, "Next week", "deliver_next_week");

        await Expect(studio.PreviewText).ToHaveTextAsync("Hello Ayşe, when should we deliver your order?");
        await Expect(studio.PreviewReplies).ToHaveTextAsync(["Tomorrow", "Next week"]);
        // Tall enough for the whole form, so the screenshot has no scrolled header in its middle.
        await session.Page.SetViewportSizeAsync(1280, 1240);
        await session.ScreenshotAsync("studio");
        await session.UsePhoneWidthAsync();
        await Expect(studio.PreviewReplies.Last).ToBeVisibleAsync();
        await session.ScreenshotAsync("studio-phone");
        await session.Page.SetViewportSizeAsync(1280, 800);

        list = await studio.SaveAndSubmitAsync();

        await Expect(list.Approval("delivery_choice")).ToHaveAttributeAsync("data-approval", new System.Text.RegularExpressions.Regex("Received|Pending"));
        // The review decides after two seconds; the page changes by itself and says so.
        await Expect(list.Approval("delivery_choice")).ToHaveAttributeAsync("data-approval", "Approved", new() { Timeout = 20_000 });
        await Expect(list.Approval("delivery_choice")).ToContainTextAsync("Approved");
        await Expect(list.Toast("delivery_choice (en) was approved.")).ToBeVisibleAsync();
        await session.ScreenshotAsync("approved");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task A_template_WhatsApp_rejects_shows_rejected_with_the_reason()
    {
        await using var app = await StartAsync();
        var channel = await app.CreateChannelAsync(templates: []);
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        var list = await TemplatesPage.OpenAsync(session.Page, channel.WorkstreamId);

        var studio = await list.NewAsync();
        await studio.Name.FillAsync("spring_promo");
        await studio.Body.FillAsync("Hi {{1}}, everything is 20% off this week.");
        await studio.Sample(1).FillAsync("Oleg");
        await studio.Sample(1).BlurAsync();
        list = await studio.SaveAndSubmitAsync();

        await Expect(list.Approval("spring_promo")).ToHaveAttributeAsync("data-approval", "Rejected", new() { Timeout = 20_000 });
        await Expect(list.RejectionReason("spring_promo")).ToHaveTextAsync("Promotional content in a utility template.");
        await Expect(list.Toast("spring_promo (en) was rejected: Promotional content in a utility template.")).ToBeVisibleAsync();
        await Expect(list.SubmitButton("spring_promo")).ToBeVisibleAsync();
        await session.ScreenshotAsync("rejected");
        await session.UsePhoneWidthAsync();
        await session.ScreenshotAsync("rejected-phone");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task The_studio_checks_each_field_and_names_the_sample_each_placeholder_needs()
    {
        await using var app = await StartAsync();
        var channel = await app.CreateChannelAsync(templates: []);
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        var list = await TemplatesPage.OpenAsync(session.Page, channel.WorkstreamId);
        var studio = await list.NewAsync();

        await studio.Name.FillAsync("bad_one");
        await studio.Type.SelectAsync("Quick reply buttons");
        await studio.Body.FillAsync("{{1}} is ready");
        await studio.Body.BlurAsync();
        await studio.Save.ClickAsync();

        await Expect(studio.BodyMessage).ToHaveTextAsync("Do not start or end the text with a placeholder: WhatsApp rejects that.");
        await Expect(studio.Form.Locator("[data-testid=group-message]").First).ToContainTextAsync("{{1}}");
        await Expect(studio.ButtonTitleMessage(1)).ToHaveTextAsync("Enter the button's text.");
        Assert.Equal(TemplatesPage.Path + "/new", new Uri(session.Page.Url).AbsolutePath.TrimStart('/').Split('?')[0]);
        Assert.Empty(session.Errors);
    }
}
