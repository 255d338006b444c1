using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using OmniWhatsApp.Core.Bots;
using OmniWhatsApp.Core.Security;

namespace OmniWhatsApp.Web.Components.Shared;

public partial class BotEditor
{
    /// <summary>True once the FAQ bot's texts were filled in for the admin, so clearing them later sticks.</summary>
    private bool suggested;

    [CascadingParameter] private EditContext? EditContext { get; set; }

    [Parameter, EditorRequired] public BotSettingsInput Bot { get; set; } = default!;

    /// <summary>The channel's language: the customers'. New entries and the suggested greeting and fallback are in it.</summary>
    [Parameter] public string ChannelLanguage { get; set; } = "en";

    private IEnumerable<(BotMode Mode, string Title, string Explanation)> Modes =>
    [
        (BotMode.Off, L["Off"], L["Agents answer every conversation."]),
        (BotMode.Faq, L["Built-in FAQ bot"], L["Answers common questions from your list, and hands the conversation to an agent when it cannot help."]),
        (BotMode.External, L["External bot"], L["Your own bot, behind an HTTPS address, answers; it hands the conversation to an agent when it wants."]),
    ];

    private string SecretHelp => Bot.HasSavedSecret
        ? L["Saved: {0}. Leave empty to keep it.", SecretProtector.Mask(Bot.SavedSecretHint!)]
        : L["At least {0} characters; the app signs its requests with it and checks the bot's replies.", BotSettingsValidator.MinSecretLength];

    /// <summary>
    /// The first time the FAQ bot is chosen, it starts with a greeting and a fallback in the channel's language and one
    /// empty question to fill in: no made-up answer that the bot would send customers.
    /// </summary>
    private void SetMode(BotMode mode)
    {
        Bot.Mode = mode;
        if (mode == BotMode.Faq && !suggested)
        {
            suggested = true;
            if (string.IsNullOrWhiteSpace(Bot.Greeting)) Bot.Greeting = BotDefaults.Greeting(L, ChannelLanguage);
            if (string.IsNullOrWhiteSpace(Bot.Fallback)) Bot.Fallback = BotDefaults.Fallback(L, ChannelLanguage);
            if (Bot.Entries.Count == 0) Bot.Entries.Add(BotDefaults.Entry(ChannelLanguage));
        }
        EditContext?.NotifyFieldChanged(FieldIdentifier.Create(() => Bot.Mode));
    }

    private void Add()
    {
        Bot.Entries.Add(BotDefaults.Entry(ChannelLanguage));
        EntriesChanged();
    }

    private void Remove(int index)
    {
        Bot.Entries.RemoveAt(index);
        EntriesChanged();
    }

    private void Move(int index, int by)
    {
        var to = index + by;
        if (to < 0 || to >= Bot.Entries.Count) return;
        (Bot.Entries[index], Bot.Entries[to]) = (Bot.Entries[to], Bot.Entries[index]);
    }

    private void EntriesChanged() => EditContext?.NotifyFieldChanged(FieldIdentifier.Create(() => Bot.Entries));
}
