namespace OmniWhatsApp.Web.Emulator;

/// <summary>One template of the emulated Content API. <see cref="ApprovalStatus"/> is null until WhatsApp approval is requested.</summary>
public sealed record EmulatorTemplate(
    string Sid,
    string FriendlyName,
    string Language,
    string Body,
    IReadOnlyDictionary<string, string> Variables,
    string? Category,
    string? ApprovalStatus)
{
    /// <summary>The name the approval was requested under; the friendly name when not given.</summary>
    public string? ApprovalName { get; init; }

    /// <summary>The content types as they were created (JSON object), for content made through the Content API.</summary>
    public string? TypesJson { get; init; }

    public DateTimeOffset? DateCreated { get; init; }

    /// <summary>When WhatsApp's approval was requested (null for the catalogue and for templates approved at once).</summary>
    public DateTimeOffset? ApprovalRequestedAt { get; init; }

    /// <summary>How the review ends ("approved" or "rejected") and when; the status reads so from then on.</summary>
    public string? ReviewOutcome { get; init; }

    public DateTimeOffset? ReviewDoneAt { get; init; }

    /// <summary>Why WhatsApp rejected it (empty unless rejected).</summary>
    public string? RejectionReason { get; init; }

    /// <summary>When it was deleted through the API: gone from every list and lookup.</summary>
    public DateTimeOffset? DeletedAt { get; init; }

    public bool IsApproved => ApprovalStatus == "approved";

    /// <summary>The first of its content types ("twilio/text" for a plain one).</summary>
    public string ContentType
    {
        get
        {
            if (TypesJson is null) return "twilio/text";
            try
            {
                return System.Text.Json.Nodes.JsonNode.Parse(TypesJson) is System.Text.Json.Nodes.JsonObject types && types.Count > 0 ? types.First().Key : "twilio/text";
            }
            catch (System.Text.Json.JsonException)
            {
                return "twilio/text";
            }
        }
    }
}

/// <summary>
/// The emulated account's own Content API templates, there from the start. "order_update" and
/// "appointment_reminder" are the demo workstream's templates (the demo data carries their Content SIDs).
/// </summary>
public static class EmulatorContentCatalogue
{
    public const string OrderUpdateSid = "HX3f1c9e2a7b5d4c8e9a0b1c2d3e4f5a6b";
    public const string AppointmentReminderSid = "HX7a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d";

    public static readonly IReadOnlyList<EmulatorTemplate> All =
    [
        new(OrderUpdateSid, "order_update", "en",
            "Hi {{1}}, your order {{2}} is on its way and should arrive on {{3}}.",
            new Dictionary<string, string> { ["1"] = "Sarah", ["2"] = "#1042", ["3"] = "Friday" }, "UTILITY", "approved"),
        new(AppointmentReminderSid, "appointment_reminder", "en",
            "Hello {{1}}, this is a reminder of your appointment on {{2}}. Reply YES to confirm or NO to choose another time.",
            new Dictionary<string, string> { ["1"] = "Sarah", ["2"] = "12 May at 10:30" }, "UTILITY", "approved"),
        new("HX0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a", "request_follow_up", "tr",
            "Merhaba {{1}}, {{2}} numaralı talebinizle ilgili size ulaşıyoruz. Devam etmek için bu mesajı yanıtlayın.",
            new Dictionary<string, string> { ["1"] = "Ayşe", ["2"] = "4711" }, "UTILITY", "approved"),
        new("HX5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b", "spring_sale", "en",
            "Our spring sale starts on {{1}}! Reply STOP to opt out.",
            new Dictionary<string, string> { ["1"] = "1 April" }, "MARKETING", "pending"),
    ];
}

/// <summary>
/// What the emulated account's Content API holds: the fixed catalogue and the templates created through the API
/// (kept in <see cref="EmulatorState"/>). An approval request goes through the review of
/// <see cref="EmulatorTemplateReview"/>: received, pending, then approved or rejected; the status is worked out
/// from the clock whenever it is read, so no timer is needed and a restart keeps the schedule.
/// </summary>
public sealed class EmulatorContent(EmulatorState state, TimeProvider clock, Microsoft.Extensions.Options.IOptions<EmulatorOptions> options)
{
    public IReadOnlyList<EmulatorTemplate> All =>
        [.. EmulatorContentCatalogue.All.Where(t => state.FindContent(t.Sid) is null), .. state.Contents.Where(t => t.DeletedAt is null).Select(Current)];

    public EmulatorTemplate? Find(string sid) => state.FindContent(sid) is { } stored
        ? stored.DeletedAt is null ? Current(stored) : null
        : EmulatorContentCatalogue.All.FirstOrDefault(t => t.Sid == sid);

    /// <summary>The texts WhatsApp approved: a message body matching one passes outside the window, as in the sandbox.</summary>
    public IEnumerable<string> ApprovedBodies => All.Where(t => t.IsApproved).Select(t => t.Body);

    public EmulatorTemplate Create(string friendlyName, string language, string body, IReadOnlyDictionary<string, string> variables, string? typesJson = null)
    {
        var template = new EmulatorTemplate(EmulatorWire.NewSid("HX"), friendlyName, language, body, variables, null, null)
        {
            TypesJson = typesJson,
            DateCreated = clock.GetUtcNow(),
        };
        state.SaveContent(template);
        return template;
    }

    /// <summary>
    /// Requests WhatsApp's approval of a template: it is received now and its review is scheduled. Returns it as it is
    /// now, or null for an unknown SID.
    /// </summary>
    public EmulatorTemplate? RequestApproval(string sid, string name, string category)
    {
        if (Find(sid) is not { } found) return null;
        // Already approved or under review: asking again changes nothing.
        if (found.ApprovalStatus is "approved" or "received" or "pending" or "paused") return found;
        var review = options.Value.TemplateReview;
        var now = clock.GetUtcNow();
        var rejected = Matches(review.RejectPattern, name) || Matches(review.RejectPattern, found.Body);
        var requested = found with
        {
            ApprovalName = name,
            Category = category,
            ApprovalStatus = "received",
            ApprovalRequestedAt = now,
            ReviewOutcome = rejected ? "rejected" : "approved",
            ReviewDoneAt = now + TimeSpan.FromSeconds(Math.Max(0, review.ApproveAfterSeconds)),
            RejectionReason = null,
            DateCreated = found.DateCreated ?? now,
        };
        state.SaveContent(requested);
        return Current(requested);
    }

    /// <summary>Deletes a template (DELETE /v1/Content/{sid}); false when there is none.</summary>
    public bool Delete(string sid)
    {
        if (Find(sid) is not { } found) return false;
        state.SaveContent(found with { DeletedAt = clock.GetUtcNow(), DateCreated = found.DateCreated ?? clock.GetUtcNow() });
        return true;
    }

    /// <summary>For tests and tools: a template created and approved at once, as an admin would in Twilio's console.</summary>
    public EmulatorTemplate AddApproved(string name, string language, string body, IReadOnlyDictionary<string, string>? variables = null)
    {
        var created = Create(name, language, body, variables ?? new Dictionary<string, string>()) with { ApprovalName = name, Category = "UTILITY", ApprovalStatus = "approved" };
        state.SaveContent(created);
        return created;
    }

    /// <summary>The template with its review's status as of now.</summary>
    private EmulatorTemplate Current(EmulatorTemplate template)
    {
        if (template.ApprovalRequestedAt is not { } requested || template.ReviewDoneAt is not { } done) return template;
        var now = clock.GetUtcNow();
        if (now >= done)
        {
            return template with
            {
                ApprovalStatus = template.ReviewOutcome,
                RejectionReason = template.ReviewOutcome == "rejected" ? options.Value.TemplateReview.RejectReason : null,
            };
        }
        return now >= requested + (done - requested) / 2 ? template with { ApprovalStatus = "pending" } : template;
    }

    private static bool Matches(string pattern, string? text) =>
        !string.IsNullOrEmpty(pattern) && !string.IsNullOrEmpty(text)
        && System.Text.RegularExpressions.Regex.IsMatch(text, pattern, System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
