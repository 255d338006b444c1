namespace OmniWhatsApp.Core.Bots;

/// <summary>Why the bot handed a conversation to the agents; each has its timeline line.</summary>
public enum HandoffReason
{
    /// <summary>The customer wrote one of the hand-off words.</summary>
    CustomerAsked,
    /// <summary>The FAQ bot found no answer <see cref="BotSettings.HandoffAfterMisses"/> times in a row.</summary>
    NoAnswer,
    /// <summary>The external bot's reply asked for it (<c>handoff</c>), with its note if any.</summary>
    BotAsked,
    /// <summary>The external bot failed (timeout, error status, bad reply…): see <see cref="BotFailure"/>.</summary>
    BotError,
    /// <summary>The channel's bot was switched off (or the workstream lost its channel) while it held the conversation.</summary>
    SwitchedOff,
}

/// <summary>What the FAQ bot does with a turn: the messages it sends, in order, and whether it hands off.</summary>
public sealed record FaqTurnResult(IReadOnlyList<string> Replies, HandoffReason? Handoff, int Misses);

/// <summary>
/// The built-in FAQ bot's rules for one turn (the customer's new messages, oldest first), pure so that they are
/// tested on their own. For each message: a hand-off word hands off at once (after the fallback, if set); an answer
/// found is sent (after the greeting, before the bot's first message in the conversation) and the misses start again
/// from 0; no answer counts a miss, and at <see cref="BotSettings.HandoffAfterMisses"/> misses in a row the bot says
/// its fallback (if set) and hands off, below that it asks the customer to rephrase (<paramref name="rephrase"/>, a
/// built-in text in the conversation's language, naming a hand-off word). Nothing after a hand-off is answered.
/// </summary>
public static class FaqTurn
{
    public static FaqTurnResult Take(BotSettings settings, IReadOnlyList<BotFaqEntry> entries, string? language, IReadOnlyList<string?> texts,
        int misses, bool spokenBefore, Func<string> rephrase)
    {
        var replies = new List<string>();
        var spoken = spokenBefore;
        var handoffWords = settings.HandoffWordList().ToList();
        var limit = Math.Max(1, settings.HandoffAfterMisses);
        foreach (var text in texts)
        {
            if (FaqMatcher.ContainsAny(text, handoffWords))
            {
                AddIfSet(replies, settings.Fallback);
                return new FaqTurnResult(replies, HandoffReason.CustomerAsked, misses);
            }
            if (FaqMatcher.Best(entries, text, language) is { } entry)
            {
                if (!spoken) AddIfSet(replies, settings.Greeting);
                replies.Add(entry.Answer.Trim());
                (spoken, misses) = (true, 0);
                continue;
            }
            misses++;
            if (misses >= limit)
            {
                AddIfSet(replies, settings.Fallback);
                return new FaqTurnResult(replies, HandoffReason.NoAnswer, misses);
            }
            if (!spoken) AddIfSet(replies, settings.Greeting);
            replies.Add(rephrase());
            spoken = true;
        }
        return new FaqTurnResult(replies, null, misses);
    }

    private static void AddIfSet(List<string> replies, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text)) replies.Add(text.Trim());
    }
}
