namespace OmniWhatsApp.Web.Hosting;

/// <summary>How the agent inbox behaves in the browser. Bound from the "Inbox" section.</summary>
public sealed class InboxOptions
{
    public const string Section = "Inbox";

    /// <summary>
    /// How often window countdowns re-read the clock. The composer greys out at the first tick after the window
    /// closed, so this is also how late that can be.
    /// </summary>
    public TimeSpan CountdownRefresh { get; set; } = TimeSpan.FromSeconds(1);
}
