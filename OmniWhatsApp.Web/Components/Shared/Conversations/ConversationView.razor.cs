using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Distribution;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Inbox;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Core.Users;
using MudBlazor;

namespace OmniWhatsApp.Web.Components.Shared.Conversations;

public sealed partial class ConversationView : IDisposable
{
    private const int PageSize = 50;

    private Actor viewer = new("", false);
    private string viewerName = "";
    private ConversationHeader? header;
    private List<MessageView> messages = [];
    private bool hasOlder;
    private ComposerOptions? options;
    private string? refusal;
    /// <summary>The server's refusal of the last send or action, shown above the composer.</summary>
    private string? sendProblem;
    private string? templateProblem;
    /// <summary>The message the agent is answering (Reply on a bubble), quoted above the composer.</summary>
    private MessageView? replyingTo;
    private bool busy;
    private bool loadingOlder;
    private int loadedFor;
    private IDisposable? subscription;
    private bool disposed;
    private ElementReference timeline;
    private string? watchedTimeline;
    private DotNetObjectReference<ConversationView>? self;
    private bool scrollToEnd;
    /// <summary>Messages arrived while the reader had scrolled up: the "new messages" pill shows instead of jumping.</summary>
    private bool newBelow;
    private bool refreshing;
    private bool refreshAgain;

    /// <summary>Messages shown at once while the server stores them (negative ids), until the real ones arrive.</summary>
    private readonly List<MessageView> sending = [];
    private readonly Dictionary<long, long> sentAs = [];
    private long nextLocalId = -1;

    [Inject] public required InboxQueries Inbox { get; init; }
    [Inject] public required OutboundService Outbound { get; init; }
    [Inject] public required ConversationService Conversations { get; init; }
    [Inject] public required DistributionService Distribution { get; init; }
    [Inject] public required IConversationEvents Events { get; init; }
    [Inject] public required TimeProvider Clock { get; init; }
    [Inject] public required IJSRuntime JS { get; init; }
    [Inject] public required IDialogService Dialogs { get; init; }

    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    [Parameter, EditorRequired] public int ConversationId { get; set; }

    /// <summary>Show it without composer or actions, whoever looks (a supervisor's read-only page).</summary>
    [Parameter] public bool ReadOnly { get; set; }

    /// <summary>The viewer changed who holds the conversation: took, transferred or resolved it.</summary>
    [Parameter] public EventCallback<int> OnChanged { get; set; }

    /// <summary>The header was (re)loaded: a page can show the customer's name in its title.</summary>
    [Parameter] public EventCallback<ConversationHeader> OnLoaded { get; set; }

    /// <summary>A back arrow in the header (the inbox on a phone: back to the list).</summary>
    [Parameter] public string? BackHref { get; set; }

    /// <summary>The agent it is assigned to replies; nobody else, and nobody in read-only mode.</summary>
    private bool CanReply => !ReadOnly && header is { IsMine: true };

    private bool CanAct => !ReadOnly && header is { IsMine: true, CanAct: true };

    /// <summary>A supervisor or admin may take a conversation over from the bot (the server decides again).</summary>
    private bool CanTakeOver => !ReadOnly && viewer.SeesEverything && header is { Status: ConversationStatus.WithBot };

    private IEnumerable<MessageView> Shown => messages.Concat(sending);

    // "Resolved" for the conversation, never "Closed": that word belongs to the 24-hour window ("Window closed — templates only").
    private string StatusText => header!.Status switch
    {
        ConversationStatus.Waiting => L["Waiting in {0}", header.QueueName ?? ""],
        ConversationStatus.WithBot => L["With the bot"],
        ConversationStatus.Closed => L["Resolved"],
        _ => L["Read-only"],
    };

    private Color StatusColor => header!.Status switch
    {
        ConversationStatus.Waiting => Color.Info,
        ConversationStatus.WithBot => Color.Secondary,
        ConversationStatus.Closed => Color.Success,
        _ => Color.Default,
    };

    private string StatusIcon => header!.Status switch
    {
        ConversationStatus.Waiting => Icons.Material.Outlined.HourglassTop,
        ConversationStatus.WithBot => Icons.Material.Outlined.SmartToy,
        ConversationStatus.Closed => Icons.Material.Outlined.TaskAlt,
        _ => Icons.Material.Outlined.Visibility,
    };

    private string ReadOnlyText => header!.Status switch
    {
        ConversationStatus.Closed => L["Resolved: the customer starts a new conversation by writing again."],
        ConversationStatus.Waiting => L["Waiting for an agent: take it to reply."],
        ConversationStatus.WithBot => L["The bot is answering this customer; a supervisor can take it over."],
        _ when header.IsMine => L["Read-only view."],
        _ => L["Read-only: {0} handles this conversation.", header.AgentName ?? ""],
    };

    protected override async Task OnInitializedAsync()
    {
        if (AuthState is not null)
        {
            var user = (await AuthState).User;
            viewer = Actor.From(user);
            viewerName = user.FindFirstValue("display_name") ?? user.Identity?.Name ?? "";
        }
        subscription = Events.Subscribe(OnEventAsync);
    }

    protected override async Task OnParametersSetAsync()
    {
        if (loadedFor == ConversationId) return;
        loadedFor = ConversationId;
        header = null;
        messages = [];
        sending.Clear();
        sentAs.Clear();
        refusal = sendProblem = templateProblem = null;
        replyingTo = null;
        options = null;
        newBelow = false;
        await LoadLatestAsync(replace: true);
        await AnnounceAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (header is not null && timeline.Id is { } id && id != watchedTimeline)
        {
            // A new timeline element (another conversation): follow the reader's scrolling there.
            watchedTimeline = id;
            self ??= DotNetObjectReference.Create(this);
            await JS.InvokeVoidAsync("omni.chat.watch", timeline, self);
        }
        if (!scrollToEnd) return;
        scrollToEnd = false;
        await JS.InvokeVoidAsync("omni.chat.scrollToBottom", timeline);
    }

    private async Task AnnounceAsync()
    {
        if (header is not null) await OnLoaded.InvokeAsync(header);
    }

    /// <summary>The reader scrolled down to the newest message themselves.</summary>
    [JSInvokable]
    public void ReachedBottom()
    {
        if (!newBelow || disposed) return;
        newBelow = false;
        StateHasChanged();
    }

    private void JumpToNewest()
    {
        newBelow = false;
        scrollToEnd = true;
    }

    /// <summary>The newest page of messages and the header; new messages are merged in, older ones already loaded stay.</summary>
    private async Task LoadLatestAsync(bool replace)
    {
        var id = ConversationId;
        var result = await Inbox.ConversationAsync(id, viewer, PageSize);
        if (id != ConversationId) return;
        if (!result.Succeeded)
        {
            refusal = result.FirstMessage;
            header = null;
            messages = [];
            return;
        }
        var view = result.Value!;
        var newest = messages.Count == 0 ? 0 : messages[^1].Id;
        header = view.Header;
        if (replace || messages.Count == 0 || (view.HasOlder && view.Messages[0].Id > newest))
        {
            messages = view.Messages.ToList();
            hasOlder = view.HasOlder;
            options = await Outbound.ComposerOptionsAsync(id);
        }
        else
        {
            var fresh = view.Messages.ToDictionary(m => m.Id);
            messages = messages.Select(m => fresh.GetValueOrDefault(m.Id, m)).Concat(view.Messages.Where(m => m.Id > newest)).ToList();
        }
        var known = messages.Select(m => m.Id).ToHashSet();
        sending.RemoveAll(m => sentAs.TryGetValue(m.Id, out var real) && known.Contains(real));
        if (replace || messages.Count > 0 && messages[^1].Id > newest)
        {
            // Follow the newest message, unless the reader has scrolled up to read: then the pill says there is more below.
            scrollToEnd = replace || scrollToEnd || await NearBottomAsync();
            newBelow = !scrollToEnd;
        }
        await MarkReadAsync();
    }

    private async Task<bool> NearBottomAsync()
    {
        try
        {
            return await JS.InvokeAsync<bool>("omni.chat.isNearBottom", timeline);
        }
        catch (Exception ex) when (ex is JSException or InvalidOperationException or JSDisconnectedException)
        {
            return true;
        }
    }

    /// <summary>The agent has the conversation in front of them: everything up to the newest message is read.</summary>
    private async Task MarkReadAsync()
    {
        if (ReadOnly || header is not { IsMine: true } || messages.Count == 0) return;
        var newest = messages[^1].Id;
        if (header.LastReadMessageId >= newest) return;
        await Inbox.MarkReadAsync(ConversationId, viewer, newest);
    }

    private Task OnEventAsync(LiveEvent e)
    {
        if (disposed || e is not ConversationEvent c || c.ConversationId != ConversationId || e is ConversationRead) return Task.CompletedTask;
        return InvokeAsync(RefreshAsync);
    }

    /// <summary>One reload at a time; events arriving meanwhile cause one more, not one each.</summary>
    private async Task RefreshAsync()
    {
        if (refreshing)
        {
            refreshAgain = true;
            return;
        }
        refreshing = true;
        try
        {
            do
            {
                refreshAgain = false;
                await LoadLatestAsync(replace: false);
            }
            while (refreshAgain && !disposed);
        }
        finally
        {
            refreshing = false;
        }
        if (disposed) return;
        await AnnounceAsync();
        StateHasChanged();
    }

    private async Task LoadOlderAsync()
    {
        if (messages.Count == 0) return;
        loadingOlder = true;
        try
        {
            var height = await JS.InvokeAsync<double>("omni.chat.height", timeline);
            var result = await Inbox.ConversationAsync(ConversationId, viewer, PageSize, before: messages[0].Id);
            if (!result.Succeeded) return;
            messages = result.Value!.Messages.Concat(messages).ToList();
            hasOlder = result.Value.HasOlder;
            loadingOlder = false;
            StateHasChanged();
            await JS.InvokeVoidAsync("omni.chat.keepPlace", timeline, height);
        }
        finally
        {
            loadingOlder = false;
        }
    }

    private async Task SendAsync(ComposedMessage composed)
    {
        sendProblem = null;
        var local = Local(MessageKind.Text, composed.Text, composed.Upload is { } file
            ? [new MediaView(0, file.ContentType, file.FileName, file.Content.LongLength, MediaState.Pending, null, null)]
            : []);
        sending.Add(local);
        scrollToEnd = true;
        StateHasChanged();

        var quoted = replyingTo?.Id;
        replyingTo = null;
        var result = await Outbound.SendTextAsync(new SessionMessageInput(ConversationId, composed.Text) { Upload = composed.Upload, ReplyToMessageId = quoted }, viewer);
        Settle(local, result);
    }

    private EventCallback<MessageView> ReplyAction => CanReply ? EventCallback.Factory.Create<MessageView>(this, ReplyTo) : default;

    /// <summary>Reply on a bubble: the next message (text, buttons, list or location) quotes it.</summary>
    private void ReplyTo(MessageView message)
    {
        if (message.Id <= 0 || !CanReply) return;
        replyingTo = message;
    }

    /// <summary>Buttons, a list or a location: made in a dialog that stays open with the server's refusal, if any.</summary>
    private async Task OpenRichAsync(RichMessageKind kind)
    {
        sendProblem = null;
        var id = ConversationId;
        var quoted = replyingTo;
        var parameters = new DialogParameters<RichMessageDialog>
        {
            { d => d.Kind, kind },
            { d => d.OnSend, content => SendRichAsync(id, content, quoted?.Id) },
            { d => d.ReplyingTo, quoted?.Body },
        };
        var title = kind switch
        {
            RichMessageKind.Buttons => L["Send reply buttons"],
            RichMessageKind.List => L["Send a list"],
            _ => L["Send a location"],
        };
        var dialog = await Dialogs.ShowAsync<RichMessageDialog>(title, parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        // Not awaited here: the composer's menu closes only once this returns.
        _ = InvokeAsync(() => AfterRichAsync(dialog, quoted));
    }

    private async Task AfterRichAsync(IDialogReference dialog, MessageView? quoted)
    {
        var closed = await dialog.Result;
        if (closed is null || closed.Canceled || disposed) return;
        if (replyingTo == quoted) replyingTo = null;
        scrollToEnd = true;
        await LoadLatestAsync(replace: false);
        StateHasChanged();
    }

    private async Task<Result> SendRichAsync(int conversationId, RichContent content, long? quoted)
    {
        var result = await Outbound.SendRichAsync(new RichMessageInput(conversationId, content, quoted), viewer);
        if (!result.Succeeded) _ = InvokeAsync(RefreshAsync);
        return result;
    }

    private async Task<bool> SendTemplateAsync(TemplateOption template, IReadOnlyList<string> values)
    {
        templateProblem = null;
        var local = Local(MessageKind.Template, TemplatePlaceholders.Fill(template.Body, values.Select(v => v.Trim()).ToList()), []);
        sending.Add(local);
        scrollToEnd = true;
        StateHasChanged();

        var result = await Outbound.SendTemplateAsync(new TemplateMessageInput(ConversationId, template.Id, values), viewer);
        if (!result.Succeeded)
        {
            sending.Remove(local);
            templateProblem = result.FirstMessage;
            return false;
        }
        Settle(local, result);
        return true;
    }

    /// <summary>The optimistic bubble becomes the stored message once it has loaded, or shows why it was refused.</summary>
    private void Settle(MessageView local, Core.Common.Result<long> result)
    {
        var index = sending.IndexOf(local);
        if (result.Succeeded)
        {
            sentAs[local.Id] = result.Value;
            if (messages.Any(m => m.Id == result.Value) && index >= 0) sending.RemoveAt(index);
            return;
        }
        sendProblem = result.FirstMessage;
        if (index >= 0)
        {
            sending[index] = local with { Status = MessageStatus.Failed, Dispatch = DispatchState.Failed, ErrorMessage = L["Not sent: {0}", result.FirstMessage] };
        }
        // The refusal may come from a change this view has not shown yet (the window closed, the conversation moved).
        _ = InvokeAsync(RefreshAsync);
    }

    private MessageView Local(MessageKind kind, string? body, IReadOnlyList<MediaView> media) =>
        new(nextLocalId--, MessageDirection.Outbound, kind, body, MessageStatus.Queued, DispatchState.Pending, null, null,
            Clock.GetUtcNow(), null, viewer.UserId, viewerName, media);

    private async Task<string?> AddNoteAsync(string text)
    {
        var result = await Conversations.AddNoteAsync(ConversationId, text, viewer);
        if (result.Succeeded)
        {
            scrollToEnd = true;
            return null;
        }
        sendProblem = result.FirstMessage;
        return result.FirstMessage;
    }

    /// <summary>An agent takes the waiting conversation (pick mode).</summary>
    private Task TakeAsync() => ClaimAsync(() => Distribution.TakeAsync(ConversationId, viewer), reloadOnFailure: false);

    /// <summary>The supervisor takes the conversation over from the bot and answers it themself.</summary>
    private Task TakeOverAsync() => ClaimAsync(() => Distribution.TakeOverAsync(ConversationId, viewer.UserId, viewer), reloadOnFailure: true);

    /// <summary>
    /// Takes the conversation for the viewer; on success the timeline and the header are read again and the page is
    /// told. A take-over that lost to the bot's hand-off reloads too, so the state the message names is on screen.
    /// </summary>
    private async Task ClaimAsync(Func<Task<Result>> take, bool reloadOnFailure)
    {
        sendProblem = null;
        busy = true;
        try
        {
            var result = await take();
            if (!result.Succeeded)
            {
                sendProblem = result.FirstMessage;
                if (reloadOnFailure) await LoadLatestAsync(replace: false);
                return;
            }
            await LoadLatestAsync(replace: true);
            await AnnounceAsync();
            await OnChanged.InvokeAsync(ConversationId);
        }
        finally
        {
            busy = false;
        }
    }

    private async Task TransferAsync()
    {
        sendProblem = null;
        var targets = await Inbox.TransferTargetsAsync(ConversationId, viewer);
        if (!targets.Succeeded)
        {
            sendProblem = targets.FirstMessage;
            return;
        }
        var id = ConversationId;
        var parameters = new DialogParameters<TransferDialog>
        {
            { d => d.Targets, targets.Value! },
            { d => d.OnTransfer, choice => TransferToAsync(id, choice) },
        };
        var dialog = await Dialogs.ShowAsync<TransferDialog>(L["Transfer conversation"], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        var closed = await dialog.Result;
        if (closed is null || closed.Canceled) return;
        await LoadLatestAsync(replace: false);
        scrollToEnd = true;
        await AnnounceAsync();
        await OnChanged.InvokeAsync(ConversationId);
    }

    private async Task<Result> TransferToAsync(int id, TransferChoice choice) => choice.QueueId is { } queue
        ? await Conversations.TransferToQueueAsync(id, queue, viewer)
        : await Conversations.TransferToAgentAsync(id, choice.AgentId!, viewer);

    /// <summary>Resolving sends the customer the closing message (and survey), so it is confirmed first.</summary>
    private async Task ResolveAsync()
    {
        sendProblem = null;
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["Resolve conversation"],
            L["Resolve the conversation with {0}? It leaves your inbox, and the customer gets the closing message if the channel sends one.",
                header?.CustomerName ?? header?.CustomerPhone ?? ""],
            yesText: L["Resolve"], cancelText: L["Cancel"]);
        if (confirmed != true) return;
        busy = true;
        try
        {
            var result = await Conversations.ResolveAsync(ConversationId, viewer);
            if (!result.Succeeded)
            {
                sendProblem = result.FirstMessage;
                return;
            }
            await LoadLatestAsync(replace: false);
            scrollToEnd = true;
            await AnnounceAsync();
            await OnChanged.InvokeAsync(ConversationId);
        }
        finally
        {
            busy = false;
        }
    }

    private string DayText(DateOnly day)
    {
        var today = DateOnly.FromDateTime(Clock.GetUtcNow().ToLocalTime().DateTime);
        return day == today ? L["Today"] : day == today.AddDays(-1) ? L["Yesterday"] : day.ToString("D");
    }

    public void Dispose()
    {
        disposed = true;
        subscription?.Dispose();
        self?.Dispose();
    }
}
