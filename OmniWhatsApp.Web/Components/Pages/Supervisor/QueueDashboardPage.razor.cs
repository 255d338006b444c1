using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Distribution;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Inbox;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Web.Components.Shared;

namespace OmniWhatsApp.Web.Components.Pages.Supervisor;

/// <summary>
/// The supervisor's live view of the queues. The figures come from <see cref="QueueDashboardFeed"/>, one reading
/// shared by every supervisor and refreshed once per burst of events; the chosen queue's conversation lists are read
/// for this page, again once per burst of the events that concern that queue. Between readings a one-second clock
/// lets the waits and countdowns run on.
/// </summary>
public partial class QueueDashboardPage : IDisposable
{
    /// <summary>A wait this long shows amber on the dashboard; <see cref="LongWait"/> red.</summary>
    public static readonly TimeSpan NoticeableWait = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan LongWait = TimeSpan.FromMinutes(15);

    /// <summary>A closing window with less than this left shows red in the list of closing windows.</summary>
    private static readonly TimeSpan UrgentWindow = TimeSpan.FromMinutes(15);

    private Actor actor = Actor.Agent("");
    private QueueDashboard? dashboard;
    private QueueConversations? conversations;
    private int? selectedQueueId;
    private string? problem;
    private IDisposable? watch;
    private IDisposable? subscription;
    private Coalescer? listRefresh;
    private CancellationTokenSource? ticking;
    private int? openConversationId;
    private int? takingOver;

    [Inject] public required QueueDashboardFeed Feed { get; init; }
    [Inject] public required QueueDashboardQueries Queries { get; init; }
    [Inject] public required IConversationEvents Events { get; init; }
    [Inject] public required TimeProvider Clock { get; init; }
    [Inject] public required InboxQueries Inbox { get; init; }
    [Inject] public required DistributionService Distribution { get; init; }
    [Inject] public required ConversationService Conversations { get; init; }
    [Inject] public required IDialogService Dialogs { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }
    [Inject] public required ILogger<QueueDashboardPage> Logger { get; init; }

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>The queue whose conversations are listed (<c>?queue=3</c>); by default the first with customers waiting.</summary>
    [SupplyParameterFromQuery(Name = "queue")] public int? QueueParameter { get; set; }

    private DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>How old the shared figures are: waits have grown by this much since.</summary>
    private TimeSpan Elapsed => dashboard is null ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Max(0, (Now - dashboard.At).Ticks));

    private int TotalWaiting => dashboard?.Queues.Sum(q => q.Waiting) ?? 0;

    private TimeSpan? LongestWait => dashboard?.Queues.Max(q => q.LongestWait) is { } longest ? longest + Elapsed : null;

    private List<AgentLoadView> AllAgents => dashboard?.Queues.SelectMany(q => q.Agents).DistinctBy(a => a.AgentId).ToList() ?? [];

    private int AvailableAgents => AllAgents.Count(a => a.Presence == Presence.Available);

    /// <summary>The windows still open (the list was read up to a second ago, and the clock runs on).</summary>
    private List<ClosingWindow> Closing => dashboard?.ClosingWindows.Where(c => ConversationRules.IsWindowOpen(c.WindowEndsAt, Now)).ToList() ?? [];

    private string TabTitle => TotalWaiting > 0
        ? $"({TotalWaiting}) {L["Queue dashboard"]} · OmniWhatsApp"
        : $"{L["Queue dashboard"]} · OmniWhatsApp";

    protected override async Task OnInitializedAsync()
    {
        actor = Actor.From((await AuthenticationState).User);
        var read = await Feed.GetAsync(actor);
        if (!read.Succeeded)
        {
            problem = read.FirstMessage;
            return;
        }
        dashboard = read.Value;
        if (!RendererInfo.IsInteractive) return;

        // Live from here on: the shared figures, this page's lists, and the clock for the waits.
        watch = Feed.Watch(actor, d => InvokeAsync(() =>
        {
            dashboard = d;
            StateHasChanged();
        })).Value;
        listRefresh = new Coalescer(ReloadListAsync, QueueDashboardFeed.Debounce, QueueDashboardFeed.MinInterval,
            ex => Logger.LogWarning(ex, "The queue's conversation lists could not be read"));
        subscription = Events.Subscribe(OnEventAsync);
        ticking = new CancellationTokenSource();
        _ = TickAsync(ticking.Token);
    }

    protected override async Task OnParametersSetAsync()
    {
        if (dashboard is null) return;
        var wanted = QueueParameter is { } id && dashboard.Queues.Any(q => q.QueueId == id)
            ? id
            : selectedQueueId ?? dashboard.Queues.OrderByDescending(q => q.Waiting > 0).Select(q => (int?)q.QueueId).FirstOrDefault();
        if (wanted == selectedQueueId && conversations is not null) return;
        selectedQueueId = wanted;
        conversations = null;
        await LoadListAsync(CancellationToken.None);
    }

    private async Task LoadListAsync(CancellationToken ct)
    {
        if (selectedQueueId is not { } queueId) return;
        var read = await Queries.ConversationsAsync(queueId, actor, ct: ct);
        // The queue may have been chosen again meanwhile: keep only the answer for the one shown.
        if (read.Succeeded && read.Value!.QueueId == selectedQueueId) conversations = read.Value;
    }

    private async Task ReloadListAsync(CancellationToken ct)
    {
        await LoadListAsync(ct);
        await InvokeAsync(StateHasChanged);
    }

    private Task OnEventAsync(LiveEvent e)
    {
        if (selectedQueueId is { } queueId && ChangesList(e, queueId)) listRefresh?.Trigger();
        return Task.CompletedTask;
    }

    /// <summary>The events that change a queue's lists: conversations coming, going, moving, or their customer writing.</summary>
    internal static bool ChangesList(LiveEvent e, int queueId) => e switch
    {
        ConversationAssigned assigned => assigned.QueueId == queueId || assigned.PreviousQueueId == queueId,
        ConversationOpened or ConversationClosed or WindowClosed => ((ConversationEvent)e).QueueId == queueId,
        MessageAdded added => added.QueueId == queueId && added.Kind is MessageKind.Text or MessageKind.Template,
        _ => false,
    };

    private async Task TickAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(ct)) await InvokeAsync(StateHasChanged);
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
            // The circuit went away between two ticks.
        }
    }

    private void SelectQueue(int? queueId)
    {
        if (queueId is null) return;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("queue", queueId.Value));
    }

    private string QueueName(int? queueId) => dashboard?.Queues.FirstOrDefault(q => q.QueueId == queueId)?.Name ?? "";

    private async Task AssignAsync(AssignRequest request)
    {
        var targets = await Inbox.TransferTargetsAsync(request.ConversationId, actor);
        if (!targets.Succeeded)
        {
            Snackbar.Add(targets.FirstMessage, Severity.Warning);
            return;
        }
        var title = request.Waiting ? L["Assign {0}", request.Customer] : L["Reassign {0}", request.Customer];
        var parameters = new DialogParameters<AssignDialog>
        {
            { d => d.Request, request },
            { d => d.Agents, targets.Value!.Agents },
            { d => d.Assign, agentId => request.Waiting
                ? Distribution.AssignAsync(request.ConversationId, agentId, actor)
                : Distribution.ReassignAsync(request.ConversationId, agentId, actor) },
        };
        var dialog = await Dialogs.ShowAsync<AssignDialog>(title, parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true });
        if (await dialog.Result is { Canceled: false, Data: string agentName })
        {
            Snackbar.Add(L["{0} now has the conversation with {1}.", agentName, request.Customer], Severity.Success);
        }
    }

    /// <summary>The supervisor takes a conversation over from the bot and answers it themself, on its own page.</summary>
    private async Task TakeOverAsync(int conversationId, string customer)
    {
        takingOver = conversationId;
        try
        {
            var result = await Distribution.TakeOverAsync(conversationId, actor.UserId, actor);
            if (!result.Succeeded)
            {
                Snackbar.Add(L["Not taken over: {0}", result.FirstMessage], Severity.Warning);
                return;
            }
            Snackbar.Add(L["You now have the conversation with {0}.", customer], Severity.Success);
            Navigation.NavigateTo($"conversations/{conversationId}");
        }
        finally
        {
            takingOver = null;
        }
    }

    /// <summary>The supervisor takes a conversation over from the bot for an agent of its queue.</summary>
    private async Task AssignFromBotAsync(AssignRequest request)
    {
        var targets = await Inbox.TransferTargetsAsync(request.ConversationId, actor);
        if (!targets.Succeeded)
        {
            Snackbar.Add(targets.FirstMessage, Severity.Warning);
            return;
        }
        var parameters = new DialogParameters<AssignDialog>
        {
            { d => d.Request, request },
            { d => d.Agents, targets.Value!.Agents },
            { d => d.Assign, agentId => Distribution.TakeOverAsync(request.ConversationId, agentId, actor) },
        };
        var dialog = await Dialogs.ShowAsync<AssignDialog>(L["Take over {0} from the bot", request.Customer], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true });
        if (await dialog.Result is { Canceled: false, Data: string agentName })
        {
            Snackbar.Add(L["{0} now has the conversation with {1}.", agentName, request.Customer], Severity.Success);
        }
    }

    /// <summary>A conversation in no queue: the supervisor chooses its queue, and optionally an agent of that queue.</summary>
    private async Task AssignUnroutedAsync(AssignRequest request)
    {
        var parameters = new DialogParameters<UnroutedAssignDialog>
        {
            { d => d.Customer, request.Customer },
            { d => d.Queues, dashboard?.Queues ?? [] },
            { d => d.Assign, (queueId, agentId) => Conversations.AssignUnroutedAsync(request.ConversationId, queueId, agentId, actor) },
        };
        var dialog = await Dialogs.ShowAsync<UnroutedAssignDialog>(L["Assign {0}", request.Customer], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true });
        if (await dialog.Result is { Canceled: false, Data: string done }) Snackbar.Add(done, Severity.Success);
    }

    private void OpenConversation(int conversationId) => openConversationId = conversationId;

    private void CloseConversation() => openConversationId = null;

    private void PanelOpenChanged(bool open)
    {
        if (!open) openConversationId = null;
    }

    internal static string WaitClass(TimeSpan? wait) => wait >= LongWait ? "alert" : wait >= NoticeableWait ? "warn" : "";

    private static string Customer(string? name, string phone) => string.IsNullOrWhiteSpace(name) ? phone : $"{name} ({phone})";

    public void Dispose()
    {
        watch?.Dispose();
        subscription?.Dispose();
        listRefresh?.Dispose();
        ticking?.Cancel();
    }
}
