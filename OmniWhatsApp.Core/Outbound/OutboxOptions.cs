namespace OmniWhatsApp.Core.Outbound;

/// <summary>How the outbox dispatcher sends. Bound from the "Outbox" configuration section.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>False: nothing is sent (messages stay Pending). For maintenance and tests.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Sends per second per WhatsApp sender number (Twilio's default throughput is 80).</summary>
    public double MessagesPerSecondPerSender { get; set; } = 80;

    /// <summary>Sends in progress at once, over all senders.</summary>
    public int MaxConcurrentSends { get; set; } = 64;

    /// <summary>Attempts before a message that keeps meeting 429/5xx/timeouts is marked failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>First retry delay; each further retry doubles it (with jitter) up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the dispatcher looks for due retries (new messages wake it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a send attempt may stay in flight before the dispatcher (of any instance) considers its sender
    /// gone and reconciles it with Twilio. Must be longer than Twilio:Timeout.
    /// </summary>
    public TimeSpan InFlightLease { get; set; } = TimeSpan.FromSeconds(60);
}
