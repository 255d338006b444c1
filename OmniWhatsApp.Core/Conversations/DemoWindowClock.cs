using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Core.Conversations;

/// <summary>
/// Lets a demo show the 24-hour window running out without waiting a day: the customer simulator ends the window of a
/// customer's open conversation now, as if their last message were a day old, and the team sees what they would see at
/// that moment (the countdown turns to "Window closed — templates only", the composer to templates). The emulated
/// Twilio ends its own window alongside, so the two agree. Only with the built-in emulator, and only for supervisors
/// and admins; live Twilio's windows are never touched.
/// </summary>
public sealed class DemoWindowClock(
    IDbContextFactory<OmniDbContext> dbFactory,
    ITwilioEndpoints twilio,
    IConversationEvents events,
    TimeProvider clock,
    IStringLocalizer<Strings> L,
    ILogger<DemoWindowClock> logger)
{
    /// <summary>
    /// Ends the window of the open conversation (waiting or active) between <paramref name="businessNumber"/> and
    /// <paramref name="customerPhone"/> (both +E164) now, and announces it as <see cref="WindowClosed"/>. Returns the
    /// conversation's id; fails, changing nothing, when there is no such conversation with an open window.
    /// </summary>
    public async Task<Result<int>> EndWindowNowAsync(string businessNumber, string customerPhone, Actor actor, CancellationToken ct = default)
    {
        if (!twilio.IsEmulator) return Result<int>.Fail(L["Only the built-in Twilio emulator lets a window be closed early."]);
        if (!actor.SeesEverything) return Result<int>.Fail(L["Only supervisors and admins can close a window early."]);

        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var target = await db.Conversations
            .Where(ConversationRules.Open)
            .Where(c => c.Number!.Number == businessNumber && c.Customer!.Phone == customerPhone)
            .OrderByDescending(c => c.Id)
            .Select(c => new { c.Id, c.QueueId, c.AssignedAgentId, c.WindowEndsAt })
            .FirstOrDefaultAsync(ct);
        if (target is null) return Result<int>.Fail(L["This customer has no open conversation with the team."]);
        if (!ConversationRules.IsWindowOpen(target.WindowEndsAt, now)) return Result<int>.Fail(L["The window of this conversation is already closed."]);

        // Unless the customer wrote meanwhile (that moved the end) or the window ran out by itself.
        var changed = await db.Conversations
            .Where(c => c.Id == target.Id && c.WindowEndsAt == target.WindowEndsAt)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.WindowEndsAt, now), ct);
        if (changed == 0) return Result<int>.Fail(L["The conversation changed meanwhile; reload it and try again."]);

        logger.LogInformation("Window of conversation {ConversationId} ended early for a demo by {ActorId}", target.Id, actor.UserId);
        events.Publish(new WindowClosed(target.Id, target.QueueId, target.AssignedAgentId, now));
        return Result<int>.Ok(target.Id);
    }
}
