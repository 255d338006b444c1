using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;
using MudBlazor;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Numbers;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Web.Emulator;

namespace OmniWhatsApp.Web.Components.Pages.Simulator;

/// <summary>
/// A phone on which a person plays the WhatsApp customer of a business number: messages go through the emulated
/// Twilio to the app's signed inbound webhook; the team's replies come back with their ticks. The chat follows the
/// newest message unless the reader has scrolled up, who then gets a "new messages" button instead.
/// </summary>
public partial class CustomerSimulator : IDisposable
{
    private const long MaxFileBytes = 5 * 1024 * 1024;

    private IReadOnlyList<NumberOption> numbers = [];
    private IReadOnlyList<EmulatorMessage> thread = [];
    private readonly Dictionary<string, CustomerMessageResult> outcomes = [];
    private string? businessNumber;
    private string? customerName = "Jane Customer";
    private string customerPhone = RandomPhone();
    private string? text;
    private EmulatorFile? file;
    private string? problem;
    private bool sending;
    private EmulatorState? state;
    private EmulatorCustomerChannel? channel;
    private ElementReference chat;
    private bool scrollToEnd;
    private bool newMessages;
    private DateTimeOffset? windowEndsAt;
    private Action<EmulatorMessage>? onMessageChanged;
    private bool endingWindow;
    private EmulatorMessage? replyingTo;
    private enum Share { None, Contact, Location }
    private Share sharing;
    private string? contactName;
    private string? contactPhone;
    private string? placeName;
    private string? placeAddress;
    private string? placeLatitude;
    private string? placeLongitude;

    [Inject] public required ITwilioEndpoints Twilio { get; init; }
    [Inject] public required IServiceProvider Services { get; init; }
    [Inject] public required WorkstreamService Workstreams { get; init; }
    [Inject] public required IJSRuntime JS { get; init; }
    [Inject] public required DemoWindowClock DemoWindow { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private bool CanSend => businessNumber is not null && PhoneNumber.IsValidE164(customerPhone) && (!string.IsNullOrWhiteSpace(text) || file is not null);

    private NumberOption? Business => numbers.FirstOrDefault(n => n.Number == businessNumber);

    protected override async Task OnInitializedAsync()
    {
        if (!Twilio.IsEmulator || !await MayUseAsync()) return;
        state = Services.GetRequiredService<EmulatorState>();
        channel = Services.GetRequiredService<EmulatorCustomerChannel>();
        numbers = (await Workstreams.NumberOptionsAsync()).OrderBy(n => n.Number).ToList();
        businessNumber = numbers.FirstOrDefault(n => n.BoundToWorkstreamId is not null)?.Number ?? numbers.FirstOrDefault()?.Number;
        // The emulator calls from its own threads: render in this page's culture.
        onMessageChanged = CultureBound.Wrap<EmulatorMessage>(OnMessageChanged);
        state.MessageChanged += onMessageChanged;
        Refresh();
        scrollToEnd = true;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!scrollToEnd) return;
        scrollToEnd = false;
        await JS.InvokeVoidAsync("omni.chat.scrollToBottom", chat);
    }

    /// <summary>
    /// Checked again on every use, not only when the page opens: a circuit outlives the request that authorized it,
    /// and a demoted user's circuit sees the new authentication state once it is revalidated.
    /// </summary>
    private async Task<bool> MayUseAsync()
    {
        var user = (await AuthenticationState).User;
        return user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Supervisor);
    }

    private async Task RefreshAsync()
    {
        if (!await MayUseAsync())
        {
            thread = [];
            return;
        }
        Refresh();
    }

    private void Refresh()
    {
        var chosen = channel is not null && businessNumber is not null && PhoneNumber.IsValidE164(customerPhone);
        thread = chosen ? channel!.Conversation(businessNumber!, customerPhone) : [];
        windowEndsAt = chosen ? channel!.WindowEndsAt(businessNumber!, customerPhone) : null;
    }

    /// <summary>
    /// Ends this customer's window now in the emulated Twilio and in the app, so a demo shows what the team sees when
    /// the 24 hours run out without waiting a day.
    /// </summary>
    private async Task EndWindowNowAsync()
    {
        if (channel is null || businessNumber is null || !PhoneNumber.IsValidE164(customerPhone) || !await MayUseAsync()) return;
        endingWindow = true;
        try
        {
            channel.EndWindowNow(businessNumber, customerPhone);
            var ended = await DemoWindow.EndWindowNowAsync(businessNumber, customerPhone, Actor.From((await AuthenticationState).User));
            Snackbar.Add(ended.Succeeded ? L["The window is closed: the agent's conversation now offers approved templates only."] : ended.FirstMessage,
                ended.Succeeded ? Severity.Success : Severity.Info);
            Refresh();
        }
        finally
        {
            endingWindow = false;
        }
    }

    /// <summary>Another customer or another business number: their own thread, from its newest message.</summary>
    private async Task ShowOtherThreadAsync()
    {
        await RefreshAsync();
        newMessages = false;
        scrollToEnd = true;
    }

    private async Task ChooseBusinessNumberAsync(string number)
    {
        businessNumber = number;
        await ShowOtherThreadAsync();
    }

    private async Task ChangePhoneAsync(string phone)
    {
        customerPhone = phone?.Trim() ?? "";
        await ShowOtherThreadAsync();
    }

    private void OnMessageChanged(EmulatorMessage message) => InvokeAsync(async () =>
    {
        var shown = thread.Count;
        await RefreshAsync();
        if (thread.Count > shown)
        {
            // Measured before this render adds the message: was the reader at the newest one?
            if (await IsAtNewestAsync()) scrollToEnd = true;
            else newMessages = true;
        }
        StateHasChanged();
    });

    private async Task<bool> IsAtNewestAsync()
    {
        try
        {
            return await JS.InvokeAsync<bool>("omni.chat.isNearBottom", chat);
        }
        catch (JSDisconnectedException)
        {
            return true;
        }
    }

    /// <summary>Scrolling is listened to only while the button shows (each scroll event would otherwise reach the server).</summary>
    private EventCallback ChatScrollHandler => newMessages ? EventCallback.Factory.Create(this, OnChatScrollAsync) : default;

    private async Task OnChatScrollAsync()
    {
        // Scrolling down to the newest message makes the button unnecessary.
        if (newMessages && await IsAtNewestAsync()) newMessages = false;
    }

    private void ShowNewest()
    {
        newMessages = false;
        scrollToEnd = true;
    }

    private async Task NewCustomerAsync()
    {
        customerPhone = RandomPhone();
        customerName = "";
        outcomes.Clear();
        await ShowOtherThreadAsync();
    }

    private async Task PickFileAsync(IBrowserFile? picked)
    {
        problem = null;
        if (picked is null) return;
        if (picked.Size > MaxFileBytes)
        {
            problem = L["The file is larger than {0} MB.", MaxFileBytes / (1024 * 1024)].Value;
            return;
        }
        using var buffer = new MemoryStream();
        await picked.OpenReadStream(MaxFileBytes).CopyToAsync(buffer);
        file = new EmulatorFile(buffer.ToArray(), picked.ContentType, picked.Name);
    }

    /// <summary>The customer quotes a message (theirs or the business's) in their next text, as WhatsApp's swipe-to-reply does.</summary>
    private void ReplyTo(EmulatorMessage message) => replyingTo = message;

    private string? ProfileName => string.IsNullOrWhiteSpace(customerName) ? null : customerName.Trim();

    private async Task ShareContactAsync()
    {
        if (channel is null || businessNumber is null || !PhoneNumber.IsValidE164(customerPhone)) return;
        var (name, phone) = (contactName?.Trim() ?? "", contactPhone?.Trim() ?? "");
        if (name.Length == 0 || !PhoneNumber.IsValidE164(phone))
        {
            problem = L["Enter the contact's name and number (E.164, with a leading +)."].Value;
            return;
        }
        if (await DeliverAsync(() => channel.SendContactAsync(businessNumber, customerPhone, ProfileName, name, phone)))
        {
            (sharing, contactName, contactPhone) = (Share.None, null, null);
        }
    }

    private async Task ShareLocationAsync()
    {
        if (channel is null || businessNumber is null || !PhoneNumber.IsValidE164(customerPhone)) return;
        var style = System.Globalization.NumberStyles.Float;
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        if (!double.TryParse(placeLatitude?.Trim().Replace(',', '.'), style, invariant, out var latitude) || latitude is < -90 or > 90
            || !double.TryParse(placeLongitude?.Trim().Replace(',', '.'), style, invariant, out var longitude) || longitude is < -180 or > 180)
        {
            problem = L["Enter a latitude from -90 to 90 and a longitude from -180 to 180."].Value;
            return;
        }
        if (await DeliverAsync(() => channel.SendLocationAsync(businessNumber, customerPhone, ProfileName, latitude, longitude, placeName, placeAddress)))
        {
            (sharing, placeName, placeAddress, placeLatitude, placeLongitude) = (Share.None, null, null, null, null);
        }
    }

    /// <summary>Whether the customer already answered this message with one of its reply buttons (WhatsApp takes one tap).</summary>
    private bool Answered(string sid) => thread.Any(m => !m.IsOutbound && m.Extras is { ButtonPayload: not null } extras && extras.RepliedToSid == sid);

    /// <summary>A tap on a reply button or list row: sent as Twilio posts a choice (payload, title, the message it answers).</summary>
    private async Task ChooseAsync(EmulatorMessage offered, SimulatorChoice tapped)
    {
        if (channel is null || businessNumber is null || sending || !PhoneNumber.IsValidE164(customerPhone)) return;
        if (!tapped.FromList && Answered(offered.Sid)) return;
        await DeliverAsync(() => channel.SendChoiceAsync(businessNumber, customerPhone, ProfileName, tapped.Choice.Id, tapped.Choice.Title, tapped.FromList, offered.Sid));
    }

    /// <summary>
    /// Sends one of the customer's messages through the emulator and shows what became of it; false when it could not
    /// be sent at all (the emulator refused its fields).
    /// </summary>
    private async Task<bool> DeliverAsync(Func<Task<CustomerMessageResult>> send)
    {
        if (channel is null || !await MayUseAsync()) return false;
        sending = true;
        problem = null;
        try
        {
            var result = await send();
            if (result.MessageSid.Length > 0) outcomes[result.MessageSid] = result;
            problem = Problem(result);
            Refresh();
            newMessages = false;
            scrollToEnd = true;
            return true;
        }
        catch (ArgumentException ex)
        {
            problem = ex.Message;
            return false;
        }
        finally
        {
            sending = false;
        }
    }

    private string? Problem(CustomerMessageResult result) => result.Outcome switch
    {
        CustomerMessageOutcome.WebhookFailed when result.WebhookReason is { } reason => L["The app refused the message (HTTP {0}): {1}", result.WebhookStatus?.ToString() ?? "—", reason].Value,
        CustomerMessageOutcome.WebhookFailed => L["The app refused the message (HTTP {0}).", result.WebhookStatus?.ToString() ?? "—"].Value,
        CustomerMessageOutcome.NoWebhook => L["No account in the app has this number, so nobody receives the message."].Value,
        _ => null,
    };

    private async Task SendAsync()
    {
        if (!CanSend || channel is null || !await MayUseAsync()) return;
        sending = true;
        problem = null;
        // What goes out; the person may type the next message while this one is on its way.
        var (sentText, sentFile, sentReply) = (text, file, replyingTo);
        try
        {
            var result = sentReply is not null && !string.IsNullOrEmpty(sentText) && sentFile is null
                ? await channel.SendReplyAsync(businessNumber!, customerPhone, ProfileName, sentText, sentReply.Sid)
                : await channel.SendFromCustomerAsync(businessNumber!, customerPhone, ProfileName, sentText, sentFile);
            if (result.MessageSid.Length > 0) outcomes[result.MessageSid] = result;
            if (replyingTo == sentReply) replyingTo = null;
            problem = Problem(result);
            if (text == sentText) text = null;
            if (file == sentFile) file = null;
            Refresh();
            // Whoever writes wants to see what they wrote.
            newMessages = false;
            scrollToEnd = true;
        }
        catch (ArgumentException ex)
        {
            problem = ex.Message;
        }
        finally
        {
            sending = false;
        }
    }

    /// <summary>A file's size as the inbox shows it (bytes, whole KB rounded up, MB to one decimal).</summary>
    private string SizeText(long bytes) => bytes switch
    {
        < 1024 => L["{0} bytes", bytes],
        < 1024 * 1024 => L["{0} KB", Math.Ceiling(bytes / 1024.0)],
        _ => L["{0} MB", Math.Round(bytes / (1024.0 * 1024), 1)],
    };

    private string WebhookMark(string sid) => outcomes.TryGetValue(sid, out var r) && r.Outcome != CustomerMessageOutcome.Delivered ? "⚠" : "✓✓";

    private string WebhookTitle(string sid) => outcomes.TryGetValue(sid, out var r) && r.Outcome != CustomerMessageOutcome.Delivered
        ? L["Not delivered to the app"]
        : L["Delivered to the app"];

    private static string StatusMark(string status) => status switch
    {
        "queued" or "accepted" or "sending" => "🕓",
        "sent" => "✓",
        "delivered" or "read" => "✓✓",
        "failed" or "undelivered" => "⚠",
        _ => "",
    };

    private string StatusTitle(EmulatorMessage message) => message.Status switch
    {
        "queued" or "accepted" or "sending" => L["Queued"],
        "sent" => L["Sent"],
        "delivered" => L["Delivered"],
        "read" => L["Read"],
        "failed" or "undelivered" => L["Failed"],
        _ => message.Status,
    };

    private static string RandomPhone() => $"+4477009{Random.Shared.Next(0, 100_000):00000}";

    public void Dispose()
    {
        if (state is not null && onMessageChanged is not null) state.MessageChanged -= onMessageChanged;
    }
}
