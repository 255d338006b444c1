using Microsoft.Playwright;
using OmniWhatsApp.Tests.Browser.Mud;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser.Pages;

/// <summary>/admin/templates: every workstream's templates with their approval, and the studio's actions.</summary>
public sealed class TemplatesPage(IPage page)
{
    public const string Path = "admin/templates";

    public IPage Page => page;
    public ShellPage Shell { get; } = new(page);

    public static async Task<TemplatesPage> OpenAsync(IPage page, int? workstreamId = null)
    {
        await page.GotoAsync(workstreamId is null ? Path : $"{Path}?workstream={workstreamId}");
        var templates = new TemplatesPage(page);
        await templates.Shell.WaitUntilInteractiveAsync();
        await Expect(templates.NewButton).ToBeVisibleAsync();
        return templates;
    }

    public ILocator Grid => page.Locator("[data-testid=templates-grid]");
    public ILocator NewButton => page.Locator("[data-testid=new-template]");

    /// <summary>The row of the template with this name (its name link carries it exactly).</summary>
    public ILocator Row(string name) => Grid.Locator($"tbody tr:has([data-name='{name}'])");

    /// <summary>The approval chip of a template's row; its <c>data-approval</c> names the status.</summary>
    public ILocator Approval(string name) => Row(name).Locator("[data-testid=template-approval]");

    public ILocator RejectionReason(string name) => Row(name).Locator("[data-testid=rejection-reason]");

    public ILocator SubmitButton(string name) => Row(name).Locator("[data-testid=submit-template]");

    /// <summary>A toast with this text (approval notices come as toasts).</summary>
    public ILocator Toast(string text) => page.Snackbar(text);

    public async Task<TemplateStudioPage> NewAsync()
    {
        await NewButton.ClickAsync();
        var studio = new TemplateStudioPage(page);
        await Expect(studio.Form).ToBeVisibleAsync();
        return studio;
    }
}

/// <summary>/admin/templates/new and /admin/templates/{id}: the template studio's form beside its preview.</summary>
public sealed class TemplateStudioPage(IPage page)
{
    public IPage Page => page;
    public ILocator Form => page.Locator("[data-testid=template-studio-form]");
    public ILocator Workstream => Form.Field("template-workstream");
    public ILocator Name => Form.Field("template-name");
    public ILocator Language => Form.Field("template-language");
    public ILocator Category => Form.Field("template-category");
    public ILocator Type => Form.Field("template-type");
    public ILocator Body => Form.Field("template-body");
    public ILocator BodyMessage => Form.FieldMessage("template-body");
    public ILocator Sample(int n) => Form.Field($"template-sample-{n}");
    public ILocator ButtonTitle(int n) => Form.Field($"button-title-{n}");
    public ILocator ButtonId(int n) => Form.Field($"button-id-{n}");
    public ILocator ButtonTitleMessage(int n) => Form.FieldMessage($"button-title-{n}");
    public ILocator AddButton => Form.Locator("[data-testid=add-button]");
    public ILocator Save => Form.Locator("[data-testid=save-template]");
    public ILocator SaveAndSubmit => Form.Locator("[data-testid=save-and-submit]");

    /// <summary>The preview's bubble (<c>data-type</c> names its type).</summary>
    public ILocator Preview => page.Locator("[data-testid=rich-preview]");
    public ILocator PreviewText => Preview.Locator("[data-testid=template-preview]");
    public ILocator PreviewReplies => Preview.Locator("[data-testid=preview-reply]");

    /// <summary>Types a quick-reply button's text and id into row <paramref name="n"/> (added first when it is not there).</summary>
    public async Task SetReplyButtonAsync(int n, string title, string id)
    {
        if (await ButtonTitle(n).CountAsync() == 0) await AddButton.ClickAsync();
        await ButtonTitle(n).FillAsync(title);
        await ButtonId(n).FillAsync(id);
        await ButtonId(n).BlurAsync();
    }

    /// <summary>Presses Save and submit and waits for the template list it returns to.</summary>
    public async Task<TemplatesPage> SaveAndSubmitAsync()
    {
        await SaveAndSubmit.ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/admin/templates\\?workstream="));
        var list = new TemplatesPage(page);
        await Expect(list.Grid).ToBeVisibleAsync();
        return list;
    }
}
