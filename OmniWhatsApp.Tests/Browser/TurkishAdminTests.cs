using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

/// <summary>
/// The setup flow of <see cref="ChannelSetupTests"/> as a Turkish admin sees it: a new admin (the demo users keep
/// their language, other tests sign in as them) chooses Türkçe in the header's menu, then connects a Twilio account and
/// sets up WhatsApp on a new workstream. The Turkish texts are Strings.tr.resx's, as the setup guide words them.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TurkishAdminTests(AppHost app, BrowserFixture browser)
{
    [Fact]
    public async Task New_admin_chooses_Turkish_then_connects_an_account_and_sets_up_WhatsApp_in_Turkish()
    {
        var accountName = TestData.UniqueName("Satış hesabı");
        var number = TestData.UniqueNumber();
        var workstreamName = TestData.UniqueName("Satış");
        var greeting = "Merhaba! Bir temsilci birazdan sizinle olacak.";
        var emulator = app.EmulatorCredentials();
        // Another account's number that no workstream uses: with two to choose from, the setup chooses none itself.
        Assert.True((await app.WithServiceAsync((AccountService s) => s.CreateAsync(app.NewAccount(TestData.UniqueNumber())))).Succeeded);
        var admin = await app.AddSignInAdminAsync("Ayşe Yılmaz");

        await using var session = await browser.SignInAsync(app, admin);
        var page = session.Page;
        var shell = new ShellPage(page);
        await shell.WaitUntilInteractiveAsync();
        await Expect(shell.Document).ToHaveAttributeAsync("lang", "en");
        // What EnglishOnScreenAsync looks for is there while the page is in English (the start page's checklist).
        Assert.NotEmpty(await EnglishOnScreenAsync(page));

        // The header's account menu names each language in itself; Türkçe brings the page back in Turkish, and the
        // account keeps the choice.
        await shell.UserMenuButton.ClickAsync();
        await Expect(shell.LanguageButtons).ToHaveTextAsync(["English", "Türkçe", "Русский"]);
        await Expect(shell.LanguageButton("en")).ToHaveAttributeAsync("aria-current", "true");
        await shell.ChooseLanguageAsync("tr");
        shell = new ShellPage(page, menuName: "Ana gezinti");
        await Expect(shell.Document).ToHaveAttributeAsync("lang", "tr");
        await Expect(shell.CurrentUser).ToHaveTextAsync("Ayşe Yılmaz · Yönetici");
        Assert.Equal("tr", await LanguageOfAsync(admin.Email));

        // Firmalar ve kanallar → Yeni firma (the guide's names of the page and its button).
        await shell.MenuLink("Firmalar ve kanallar").ClickAsync();
        var accounts = new AccountsPage(page);
        await accounts.WaitUntilShownAsync("Firmalar ve kanallar");
        await Expect(accounts.NewAccountButton).ToHaveTextAsync("Yeni firma");
        await accounts.NewAccountButton.ClickAsync();
        var wizard = new AccountWizardPage(page);

        // 1. Kanal ayrıntıları: the step bar and the fields in Turkish; Next with no name is refused at the name field.
        await Expect(wizard.Shell.Heading).ToHaveTextAsync("Yeni firma");
        await Expect(wizard.StepTitles).ToHaveTextAsync(["Kanal ayrıntıları", "Hesap ayrıntıları", "WhatsApp numaraları", "Geri arama bilgileri"]);
        await Expect(wizard.CurrentStepTitle).ToHaveTextAsync("Kanal ayrıntıları");
        await Expect(wizard.StepHeading).ToHaveTextAsync("Kanal ayrıntıları");
        await Expect(wizard.LabelOf("account-name")).ToHaveTextAsync("Hesap adı");
        await Expect(wizard.LabelOf("account-channel")).ToHaveTextAsync("Kanal");
        await Expect(wizard.CancelButton).ToHaveTextAsync("İptal");
        await Expect(wizard.NextButton).ToHaveTextAsync("İleri");
        await wizard.NextButton.ClickAsync();
        await Expect(wizard.FieldMessage("account-name")).ToHaveTextAsync("Hesap için bir ad girin.");
        await Expect(wizard.CurrentStepTitle).ToHaveTextAsync("Kanal ayrıntıları");
        await session.ScreenshotAsync("1-name-missing");
        await wizard.EnterChannelDetailsAsync(accountName);

        // 2. Hesap ayrıntıları: a malformed Account SID is refused at its field; the emulator's pair is verified.
        await Expect(wizard.CurrentStepTitle).ToHaveTextAsync("Hesap ayrıntıları");
        await Expect(wizard.StepHeading).ToHaveTextAsync("Hesap ayrıntıları");
        await Expect(wizard.LabelOf("account-sid")).ToHaveTextAsync("Hesap SID'si");
        await Expect(wizard.LabelOf("auth-token")).ToHaveTextAsync("Kimlik doğrulama belirteci");
        await Expect(wizard.VerifyButton).ToHaveTextAsync("Doğrula");
        await Expect(wizard.BackButton).ToHaveTextAsync("Geri");
        await wizard.EnterCredentialsAsync("AC123", emulator.AuthToken);
        await wizard.VerifyButton.ClickAsync();
        await Expect(wizard.FieldMessage("account-sid")).ToHaveTextAsync("Hesap SID'si, AC ve ardından gelen 32 onaltılık karakterden oluşur.");
        await Expect(wizard.Verified).ToHaveCountAsync(0);
        await session.ScreenshotAsync("2-malformed-sid");
        // The demo account already has this SID: the warning (in Turkish) appears under the field when it loses focus and
        // moves the Verify button down, so wait for it before pressing Verify.
        await wizard.AccountSid.FillAsync(emulator.AccountSid);
        await wizard.AccountSid.BlurAsync();
        await Expect(wizard.SidWarning).ToHaveTextAsync(
            "Bu Hesap SID'si zaten Demo (emulator) adıyla bağlı. Aynı hesabı iki kez bağlamak neredeyse her zaman bir hatadır; yalnızca bilerek yapıyorsanız devam edin.");
        await wizard.VerifyButton.ClickAsync();
        await Expect(wizard.FieldMessage("account-sid")).ToHaveCountAsync(0);
        await Expect(wizard.Verified).ToHaveTextAsync("Twilio bu kimlik bilgilerini kabul etti (OmniWhatsApp emulator).");
        await session.ScreenshotAsync("3-credentials-verified");
        await wizard.NextButton.ClickAsync();

        // 3. WhatsApp numaraları: Next with none is refused, so is a malformed number; a good one lands in the list.
        await Expect(wizard.NumbersStep).ToBeVisibleAsync();
        await Expect(wizard.CurrentStepTitle).ToHaveTextAsync("WhatsApp numaraları");
        await Expect(wizard.LabelOf("number-name")).ToHaveTextAsync("Ad");
        await Expect(wizard.LabelOf("number-value")).ToHaveTextAsync("Numara");
        await Expect(wizard.AddNumberButton).ToHaveTextAsync("Ekle");
        await wizard.NextButton.ClickAsync();
        await Expect(wizard.FieldMessage("number-value")).ToHaveTextAsync("En az bir WhatsApp numarası ekleyin.");
        await wizard.AddNumberAsync("Satış hattı", "0044 7700 900");
        await Expect(wizard.FieldMessage("number-value")).ToHaveTextAsync("Numarayı başında + olan E.164 biçiminde girin, örneğin +14155238886.");
        await Expect(wizard.NumberRows).ToHaveCountAsync(0);
        await session.ScreenshotAsync("4-malformed-number");
        await wizard.NumberValue.FillAsync(number);
        await wizard.NumberValue.BlurAsync();
        await Expect(wizard.FieldMessage("number-value")).ToBeHiddenAsync();
        await wizard.AddNumberButton.ClickAsync();
        await Expect(wizard.NumberRow(number)).ToContainTextAsync("Satış hattı");
        await Expect(wizard.NumbersStep.Locator("[data-testid=numbers-table] thead th")).ToHaveTextAsync(["Ad", "Numara", "Eylemler"]);
        await wizard.NextButton.ClickAsync();

        // 4. Geri arama bilgileri: the two addresses under Turkish labels, and Bitti.
        await Expect(wizard.CallbacksStep).ToBeVisibleAsync();
        await Expect(wizard.CurrentStepTitle).ToHaveTextAsync("Geri arama bilgileri");
        await Expect(wizard.StepHeading).ToHaveTextAsync("Geri arama bilgileri");
        await Expect(wizard.LabelOf("inbound-url")).ToHaveTextAsync("Twilio gelen URL'si");
        await Expect(wizard.LabelOf("status-url")).ToHaveTextAsync("Durum geri arama URL'si");
        await Expect(wizard.SandboxHowTo).ToContainTextAsync("Twilio korumalı alanıyla deneme");
        await Expect(wizard.InboundUrl).ToHaveValueAsync(new Regex("/api/twilio/[0-9a-f-]{36}/inbound$"));
        Assert.Empty(await EnglishOnScreenAsync(page));
        await session.ScreenshotAsync("5-callback-information");
        await Expect(wizard.NextButton).ToHaveTextAsync("Bitti");
        await wizard.NextButton.ClickAsync();

        // Back on the list: the toast in Turkish, the account with its number.
        await accounts.WaitUntilShownAsync("Firmalar ve kanallar");
        await Expect(accounts.Toast("Hesap kaydedildi")).ToContainTextAsync($"{accountName}, 1 numarayla bağlandı.");
        await accounts.DismissToastAsync("Hesap kaydedildi");
        await Expect(accounts.Row(accountName)).ToContainTextAsync(number);
        Assert.Single(await app.WithServiceAsync((AccountService s) => s.ListAsync()), a => a.Name == accountName);

        // İş akışları → Yeni iş akışı.
        await shell.MenuLink("İş akışları").ClickAsync();
        var workstreams = new WorkstreamsPage(page);
        await Expect(workstreams.Grid).ToBeVisibleAsync();
        await Expect(workstreams.Shell.Heading).ToHaveTextAsync("İş akışları");
        await Expect(workstreams.NewWorkstreamButton).ToHaveTextAsync("Yeni iş akışı");
        var workstream = await workstreams.CreateWorkstreamAsync(workstreamName, newWorkstreamHeading: "Yeni iş akışı");
        await Expect(workstream.SetUpWhatsAppButton).ToHaveTextAsync("WhatsApp'ı ayarla");

        // WhatsApp'ı ayarla: the guide's step names; Next without a number is refused at the number field.
        var setup = await workstream.SetUpWhatsAppAsync();
        await Expect(setup.Shell.Heading).ToHaveTextAsync($"{workstreamName} iş akışında WhatsApp'ı ayarla");
        await Expect(setup.StepTitles).ToHaveTextAsync(["WhatsApp numarası", "Dil", "Davranışlar", "Şablonlar", "Bot", "Özet"]);
        await Expect(setup.CurrentStepTitle).ToHaveTextAsync("WhatsApp numarası");
        await Expect(setup.LabelOf("whatsapp-number")).ToHaveTextAsync("Kullanılabilir WhatsApp numaraları");
        await Expect(setup.NextButton).ToHaveTextAsync("İleri");
        await setup.NextButton.ClickAsync();
        await Expect(setup.FieldMessage("whatsapp-number")).ToHaveTextAsync("Bir WhatsApp numarası seçin.");
        await Expect(setup.StepsWithError).ToHaveCountAsync(1);
        await Expect(setup.CurrentStepTitle).ToHaveTextAsync("WhatsApp numarası");
        await session.ScreenshotAsync("6-number-missing");
        await setup.ChooseNumberAsync(number, DemoData.DemoQueue);

        await Expect(setup.CurrentStepTitle).ToHaveTextAsync("Dil");
        await Expect(setup.LabelOf("whatsapp-language")).ToHaveTextAsync("Dil");
        await setup.ChooseLanguageAsync("Türkçe (tr)");

        await Expect(setup.CurrentStepTitle).ToHaveTextAsync("Davranışlar");
        await Expect(setup.LabelOf("greeting-message")).ToHaveTextAsync("Karşılama (konuşma başladığında)");
        await setup.Greeting.FillAsync(greeting);
        await Expect(setup.AttachmentsState).ToHaveTextAsync("Kapalı");
        await setup.AttachmentsSwitch.ClickAsync();
        await Expect(setup.AttachmentsState).ToHaveTextAsync("Açık");
        Assert.Empty(await EnglishOnScreenAsync(page));
        await session.ScreenshotAsync("7-behaviours");
        await setup.NextAsync(setup.TemplatesStep);

        // Şablonlar: a template under Turkish labels.
        await Expect(setup.CurrentStepTitle).ToHaveTextAsync("Şablonlar");
        await Expect(setup.LabelOf("template-name")).ToHaveTextAsync("Şablon adı");
        await Expect(setup.LabelOf("template-body")).ToHaveTextAsync("WhatsApp tarafından onaylanan metin");
        await Expect(setup.SaveTemplateButton).ToHaveTextAsync("Şablon ekle");
        await setup.AddTemplateAsync("Sipariş güncelleme", "Siparişiniz {{1}} kargoya verildi.");
        await Expect(setup.FieldMessage("template-name")).ToHaveTextAsync("Şablon adlarında, WhatsApp'ın gerektirdiği gibi küçük harf, rakam ve alt çizgi kullanılır.");
        await Expect(setup.TemplateRows).ToHaveCountAsync(0);
        await session.ScreenshotAsync("8-template-name");
        await setup.TemplateName.FillAsync("siparis_guncelleme");
        // The name's message goes when the field is left, and the form moves up a line: press the button after that,
        // or the click lands where the button was.
        await setup.TemplateName.BlurAsync();
        await Expect(setup.FieldMessage("template-name")).ToHaveCountAsync(0);
        await setup.SaveTemplateButton.ClickAsync();
        await Expect(setup.TemplateRow("siparis_guncelleme")).ToContainTextAsync("Siparişiniz {{1}} kargoya verildi.");
        await setup.NextAsync(setup.BotStep);
        await setup.NextAsync(setup.SummaryStep);

        // Özet, then Bitir saves it.
        await Expect(setup.CurrentStepTitle).ToHaveTextAsync("Özet");
        await ExpectSetupAsync(setup.Summary);
        Assert.Empty(await EnglishOnScreenAsync(page));
        await session.ScreenshotAsync("9-summary");
        await Expect(setup.NextButton).ToHaveTextAsync("Bitir");
        await setup.NextButton.ClickAsync();

        // The workstream page shows what was saved, the workstreams list its number.
        await Expect(workstream.Shell.Heading).ToHaveTextAsync(workstreamName);
        await Expect(workstream.Toast(workstreamName)).ToContainTextAsync($"WhatsApp, {workstreamName} iş akışında ayarlandı.");
        await workstream.DismissToastAsync(workstreamName);
        await ExpectSetupAsync(workstream.Summary);
        await Expect(workstream.SetUpWhatsAppButton).ToHaveTextAsync("WhatsApp ayarlarını düzenle");
        await session.ScreenshotAsync("10-workstream");
        await shell.MenuLink("İş akışları").ClickAsync();
        await Expect(workstreams.Row(workstreamName)).ToContainTextAsync(number);
        await Expect(shell.Document).ToHaveAttributeAsync("lang", "tr");

        Assert.Empty(session.Errors);

        async Task ExpectSetupAsync(WhatsAppSummary summary)
        {
            await Expect(summary.Number).ToHaveTextAsync($"{number} · Satış hattı ({accountName})");
            await Expect(summary.Language).ToHaveTextAsync("Türkçe (tr)");
            await Expect(summary.Value("Karşılama iletisi")).ToHaveTextAsync(greeting);
            await Expect(summary.Attachments).ToHaveTextAsync("Açık: müşteriler gönderebilir, temsilciler gönderebilir");
            await Expect(summary.Templates).ToHaveCountAsync(1);
            await Expect(summary.Templates).ToContainTextAsync("siparis_guncelleme (tr)");
        }
    }

    /// <summary>A new admin who can sign in to the browser, with no language of their own yet.</summary>

    private async Task<string?> LanguageOfAsync(string email)
    {
        await using var db = await app.CreateDbContextAsync();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Language).SingleAsync();
    }

    /// <summary>
    /// The string table's English sentences (three words or more, Turkish differs) that the page shows: what a Turkish
    /// admin would read in English.
    /// </summary>
    private static async Task<IReadOnlyList<string>> EnglishOnScreenAsync(IPage page)
    {
        var shown = await page.Locator("body").InnerTextAsync();
        return EnglishSentences.Value.Where(s => shown.Contains(s, StringComparison.Ordinal)).ToList();
    }

    private static readonly Lazy<IReadOnlyList<string>> EnglishSentences = new(() =>
    {
        var turkish = StringTable.Read(StringTable.TranslationPath("tr"));
        return StringTable.Read()
            .Where(e => turkish.TryGetValue(e.Key, out var tr) && tr != e.Value)
            .SelectMany(e => e.Value.Split('|'))
            // The parts of a sentence around its placeholders, e.g. "is connected with" of "{1} is connected with {0} numbers.".
            .SelectMany(v => Regex.Split(v, @"\{\d+\}"))
            .Select(v => v.Trim())
            .Where(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3)
            .Distinct()
            .ToList();
    });
}
