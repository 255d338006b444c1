namespace OmniWhatsApp.Core.Bots;

/// <summary>How the bots run. Bound from the "Bots" section.</summary>
public sealed class BotOptions
{
    public const string Section = "Bots";

    /// <summary>How often the bot worker looks for turns it was not woken for (missed while the app was down).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many conversations' turns run at once, so one slow external bot does not hold up the others.</summary>
    public int Parallelism { get; set; } = 8;

    /// <summary>How long a conversation whose turn failed (a database fault) waits before it is tried again.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(15);
}
