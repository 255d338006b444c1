using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Web.Components.Shared.Conversations;

public sealed partial class WindowCountdown : IDisposable
{
    [Inject] public required TimeProvider Clock { get; init; }
    [Inject] public required IOptions<InboxOptions> Options { get; init; }

    public enum WindowLevel { Calm, Warning, Urgent, Closed }

    private ITimer? timer;
    private bool wasOpen;

    /// <summary>When the window closes; null: the customer never wrote (closed).</summary>
    [Parameter] public DateTimeOffset? EndsAt { get; set; }

    /// <summary>The short form for lists: "5 h", "42 min", "9:41".</summary>
    [Parameter] public bool Compact { get; set; }

    /// <summary>Raised once when the window reaches zero while shown.</summary>
    [Parameter] public EventCallback OnClosed { get; set; }

    private TimeSpan Left => EndsAt is { } end ? end - Clock.GetUtcNow() : TimeSpan.Zero;

    private WindowLevel Level => LevelOf(Left);

    /// <summary>MudBlazor's palette colour for the level (its class names: mud-chip-color-primary …).</summary>
    private string LevelColor => Level switch
    {
        WindowLevel.Calm => "primary",
        WindowLevel.Warning => "warning",
        WindowLevel.Urgent => "error",
        _ => "default",
    };

    private string LevelName => Level.ToString().ToLowerInvariant();

    public static WindowLevel LevelOf(TimeSpan left) =>
        left <= TimeSpan.Zero ? WindowLevel.Closed
        : left <= TimeSpan.FromMinutes(10) ? WindowLevel.Urgent
        : left <= TimeSpan.FromHours(1) ? WindowLevel.Warning
        : WindowLevel.Calm;

    private string Text
    {
        get
        {
            var left = Left;
            if (left <= TimeSpan.Zero) return L["Window closed — templates only"];
            var span = left <= TimeSpan.FromMinutes(10)
                ? $"{(int)left.TotalMinutes}:{left.Seconds:00}"
                : left < TimeSpan.FromHours(1) ? L["{0} min", (int)Math.Ceiling(left.TotalMinutes)].Value
                : Compact ? L["{0} h", (int)left.TotalHours].Value
                : L["{0} h {1} min", (int)left.TotalHours, left.Minutes].Value;
            return Compact ? span : L["{0} left", span];
        }
    }

    private string Tooltip => EndsAt is { } end
        ? L["The customer's 24-hour window closes at {0}. After that only approved templates can be sent.", end.ToLocalTime().ToString("g")]
        : L["The customer has not written yet: only approved templates can be sent."];

    protected override void OnInitialized()
    {
        timer = Clock.CreateTimer(_ => _ = InvokeAsync(TickAsync), null, Options.Value.CountdownRefresh, Options.Value.CountdownRefresh);
    }

    private bool Open => ConversationRules.IsWindowOpen(EndsAt, Clock.GetUtcNow());

    protected override void OnParametersSet() => wasOpen = Open;

    private async Task TickAsync()
    {
        var open = Open;
        var closedNow = wasOpen && !open;
        wasOpen = open;
        StateHasChanged();
        if (closedNow) await OnClosed.InvokeAsync();
    }

    public void Dispose() => timer?.Dispose();
}
