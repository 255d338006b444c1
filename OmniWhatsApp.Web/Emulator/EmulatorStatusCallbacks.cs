using Microsoft.Extensions.Options;

namespace OmniWhatsApp.Web.Emulator;

/// <summary>
/// Moves accepted outbound messages along queued → sent → delivered → read (or to failed, when WhatsApp refuses
/// them) every <see cref="EmulatorOptions.StatusDelay"/>, posting a signed status callback for each step to the
/// message's StatusCallback URL. Runs beside the request that created the message, never inside it. After a
/// restart it picks up the messages it had not finished.
/// </summary>
public sealed class EmulatorStatusCallbacks(
    EmulatorState state,
    EmulatorWebhooks webhooks,
    IOptions<EmulatorOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<EmulatorStatusCallbacks> logger) : BackgroundService
{
    private static readonly string[] Steps = ["queued", "sent", "delivered", "read"];
    private CancellationToken stopping;

    /// <summary>Starts the message's progression in the background.</summary>
    public void Start(string sid) => _ = ProgressAsync(sid, announceCurrent: true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        stopping = stoppingToken;
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled()))
        {
            try { await started.Task; } catch (OperationCanceledException) { return; }
        }

        var unfinished = state.Messages.Where(m => m.Direction == EmulatorMessage.Outbound && !IsFinal(m.Status)).ToList();
        if (unfinished.Count > 0) logger.LogInformation("Twilio emulator resumes {Count} unfinished message(s)", unfinished.Count);
        foreach (var message in unfinished) _ = ProgressAsync(message.Sid, announceCurrent: false);
    }

    private static bool IsFinal(string status) => status is "read" or "failed" or "undelivered";

    private async Task ProgressAsync(string sid, bool announceCurrent)
    {
        try
        {
            await Task.Yield();
            var message = state.Find(sid);
            if (message is null) return;
            if (announceCurrent) await PostAsync(message);

            while (message is not null && !IsFinal(message.Status))
            {
                await Task.Delay(options.Value.StatusDelay, stopping);
                var now = clock.GetUtcNow();
                message = state.Update(sid, current => Next(current, now));
                if (message is not null) await PostAsync(message);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The app is stopping; the journal says where the message stood, and the next start resumes it.
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Twilio emulator could not progress message {Sid}", sid);
        }
    }

    private static EmulatorMessage Next(EmulatorMessage current, DateTimeOffset now)
    {
        if (current.PlannedErrorCode is { } code)
        {
            return current with { Status = "failed", ErrorCode = code, ErrorMessage = ErrorText(code), DateUpdated = now };
        }
        var index = Array.IndexOf(Steps, current.Status);
        var next = Steps[Math.Min(Steps.Length - 1, index + 1)];
        return current with { Status = next, DateUpdated = now, DateSent = current.DateSent ?? (next == "sent" ? now : null) };
    }

    private async Task PostAsync(EmulatorMessage message)
    {
        if (string.IsNullOrEmpty(message.StatusCallback)) return;
        var fields = new List<KeyValuePair<string, string>>
        {
            new("MessageSid", message.Sid),
            new("SmsSid", message.Sid),
            new("MessageStatus", message.Status),
            new("SmsStatus", message.Status),
            new("AccountSid", message.AccountSid),
            new("From", message.From),
            new("To", message.To),
            new("ApiVersion", "2010-04-01"),
            new("ChannelPrefix", "whatsapp"),
            new("ChannelToAddress", message.To.Replace("whatsapp:", "", StringComparison.Ordinal)),
            new("ChannelInstallSid", "XE" + message.AccountSid[2..]),
        };
        if (message.ErrorCode is { } code)
        {
            fields.Add(new("ErrorCode", code.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            fields.Add(new("ChannelStatusMessage", message.ErrorMessage ?? ""));
        }
        if (message.Status == "read") fields.Add(new("EventType", "READ"));
        await webhooks.PostAsync(message.StatusCallback, fields, stopping);
    }

    public static string ErrorText(int code) => code switch
    {
        EmulatorWire.OutsideWindow => "Failed to send freeform message because you are outside the allowed window. If you are using WhatsApp, please use a Message Template.",
        EmulatorWire.SandboxNotJoined => "Message failed to send because the recipient has not joined the WhatsApp sandbox.",
        _ => "Message delivery failed.",
    };
}
