namespace OmniWhatsApp.Core.Distribution;

/// <summary>How the automation worker runs. Bound from the "Distribution" configuration section.</summary>
public sealed class DistributionOptions
{
    public const string Section = "Distribution";

    /// <summary>
    /// The safety-net sweep: greetings, push assignment, auto-close and the presence check also run this often
    /// when nothing signals them. The moments that matter (a conversation opens, an agent frees capacity or becomes
    /// Available, a queue gains a member) wake the worker at once.
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Conversations one pass looks at per queue; a pass repeats while it keeps assigning.</summary>
    public int BatchSize { get; set; } = 200;
}
