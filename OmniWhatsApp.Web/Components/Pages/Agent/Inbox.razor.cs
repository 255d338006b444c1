using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Distribution;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Inbox;
using OmniWhatsApp.Core.Users;
using MudBlazor;

namespace OmniWhatsApp.Web.Components.Pages.Agent;

/// <summary>
/// The agent's inbox: their conversations in the order they need attention and, in pick mode, their queues' waiting
/// ones; the chosen conversation beside them. Both lists follow the live events for the agent and their queues.
/// </summary>
public sealed partial class Inbox : IDisposable
{
    private Actor viewer = new("", false);
    private IReadOnlyList<InboxItem> mine = [];
    private WaitingList waiting = new([], 0);
    private HashSet<int> myQueues = [];
    private IDisposable? subscription;
    private bool disposed;
    private bool loading;
    private bool loadAgain;

    [Inject] public required InboxQueries Queries { get; init; }
    [Inject] public required ConversationAccess Access { get; init; }
    [Inject] public required DistributionService Distribution { get; init; }
    [Inject] public required IConversationEvents Events { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }
    [Inject] public required TimeProvider Clock { get; init; }

    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    [Parameter] public int? ConversationId { get; set; }

    private int UnreadConversations => mine.Count(i => i.UnreadCount > 0);

    private string Title => UnreadConversations > 0
        ? L["({0}) Inbox · OmniWhatsApp", UnreadConversations]
        : L["Inbox · OmniWhatsApp"];

    protected override async Task OnInitializedAsync()
    {
        if (AuthState is not null) viewer = Actor.From((await AuthState).User);
        myQueues = (await Access.QueuesOfAsync(viewer.UserId)).ToHashSet();
        subscription = Events.Subscribe(OnEventAsync);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        mine = await Queries.MyConversationsAsync(viewer.UserId);
        waiting = await Queries.WaitingInMyQueuesAsync(viewer.UserId, 50);
    }

    private Task OnEventAsync(LiveEvent e)
    {
        if (disposed || !Concerns(e)) return Task.CompletedTask;
        return InvokeAsync(async () =>
        {
            if (e is QueueMembershipChanged membership) myQueues = membership.QueueIds.ToHashSet();
            await ReloadAsync();
        });
    }

    /// <summary>What the hub would send this agent: their own conversations, their queues', their membership.</summary>
    private bool Concerns(LiveEvent e) => e switch
    {
        QueueMembershipChanged membership => membership.UserId == viewer.UserId,
        MessageStatusChanged or MessageMediaChanged => false,
        ConversationEvent c => ConversationRules.Concerns(viewer.UserId, myQueues, c),
        _ => false,
    };

    /// <summary>One reload at a time; a burst of events causes one more, not one each.</summary>
    private async Task ReloadAsync()
    {
        if (loading)
        {
            loadAgain = true;
            return;
        }
        loading = true;
        try
        {
            do
            {
                loadAgain = false;
                await LoadAsync();
            }
            while (loadAgain && !disposed);
        }
        finally
        {
            loading = false;
        }
        if (!disposed) StateHasChanged();
    }

    private async Task TakeAsync(int conversationId)
    {
        var result = await Distribution.TakeAsync(conversationId, viewer);
        if (!result.Succeeded)
        {
            Snackbar.Add(L["Not taken: {0}", result.FirstMessage], Severity.Warning);
            await ReloadAsync();
            return;
        }
        await ReloadAsync();
        Navigation.NavigateTo($"inbox/{conversationId}");
    }

    private string When(DateTimeOffset at)
    {
        var local = at.ToLocalTime();
        var today = Clock.GetUtcNow().ToLocalTime().Date;
        return local.Date == today ? local.ToString("HH:mm") : local.Date == today.AddDays(-1) ? L["Yesterday"] : local.ToString("d MMM");
    }

    public void Dispose()
    {
        disposed = true;
        subscription?.Dispose();
    }
}
