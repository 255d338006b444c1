using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Inbound;
using OmniWhatsApp.Core.Inbox;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Core.QuickReplies;

namespace OmniWhatsApp.Web.Components.Shared.Conversations;

/// <summary>What the agent sends: text, an uploaded file, or both.</summary>
public sealed record ComposedMessage(string? Text, AttachmentUpload? Upload);

public sealed partial class Composer : IDisposable
{
    private static readonly string Accept = string.Join(",", MediaOptions.Extensions.Keys);

    // "/" at the start or after a space, then what the agent typed of a shortcut, up to the end of the text.
    [GeneratedRegex(@"(?:^|\s)/(?<query>[a-z0-9-]*)$")]
    private static partial Regex SlashQuery();

    private readonly string menuId = "quick-replies-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string counterId = "composer-counter-" + Guid.NewGuid().ToString("N")[..8];
    private ElementReference textBox;
    private bool attached;
    private string text = "";
    private bool noteMode;
    private bool showTemplates;
    private AttachmentUpload? upload;
    private string? fileProblem;
    private IReadOnlyList<QuickReplySummary>? replies;
    private IReadOnlyList<QuickReplySummary> matches = [];
    private int selected;
    private bool dismissed;
    private int conversationId;
    private ITimer? closing;
    private DateTimeOffset? closingArmedFor;

    [Inject] public required QuickReplyService QuickReplies { get; init; }
    [Inject] public required IJSRuntime JS { get; init; }
    [Inject] public required TimeProvider Clock { get; init; }

    /// <summary>The conversation written to: the composer starts empty when it changes.</summary>
    [Parameter, EditorRequired] public int ConversationId { get; set; }

    /// <summary>When the customer's 24-hour window closes (null: it is closed). Free text greys out at that moment.</summary>
    [Parameter] public DateTimeOffset? WindowEndsAt { get; set; }
    [Parameter] public ComposerOptions? Options { get; set; }

    /// <summary>Sends text and/or a file. The composer clears at once: the bubble shows what happens next.</summary>
    [Parameter] public EventCallback<ComposedMessage> OnSend { get; set; }

    /// <summary>Adds an internal note; returns why it was refused, or null.</summary>
    [Parameter] public Func<string, Task<string?>>? OnNote { get; set; }

    /// <summary>Sends a template; true when accepted.</summary>
    [Parameter] public Func<TemplateOption, IReadOnlyList<string>, Task<bool>>? OnTemplate { get; set; }

    [Parameter] public string? TemplateProblem { get; set; }

    /// <summary>Opens the form for buttons, a list or a location (only offered while the window is open).</summary>
    [Parameter] public EventCallback<RichMessageKind> OnRich { get; set; }

    /// <summary>The message the next reply answers, shown quoted above the text box until sent or cancelled.</summary>
    [Parameter] public MessageView? ReplyingTo { get; set; }

    [Parameter] public EventCallback OnCancelReply { get; set; }

    private bool WindowOpen => ConversationRules.IsWindowOpen(WindowEndsAt, Clock.GetUtcNow());

    /// <summary>Free text and files cannot go out: the window is closed (notes still can).</summary>
    private bool ReplyBlocked => !noteMode && !WindowOpen;

    private bool HasContent => !string.IsNullOrWhiteSpace(text) || (!noteMode && upload is not null);

    /// <summary>The most one message (WhatsApp's 1,600 characters) or one note can have.</summary>
    private int Limit => noteMode ? ConversationService.MaxNoteLength : OutboundService.MaxBodyLength;

    /// <summary>Longer than can be sent: Send is blocked and says why; the text stays whole so nothing is lost.</summary>
    private bool TooLong => text.Length > Limit;

    private string CounterLevel => TooLong ? "over" : text.Length > Limit * 9 / 10 ? "near" : "";

    private bool MenuOpen => !dismissed && matches.Count > 0 && !ReplyBlocked;

    private string Placeholder => noteMode ? L["Write an internal note for your team"]
        : WindowOpen ? L["Write a reply…"]
        : L["Free text is closed: send a template"];

    protected override void OnParametersSet()
    {
        ArmClosing();
        if (conversationId == ConversationId) return;
        conversationId = ConversationId;
        text = "";
        upload = null;
        fileProblem = null;
        noteMode = false;
        showTemplates = false;
        matches = [];
    }

    /// <summary>A render at the moment the window closes, so the text box greys out then, not at the next event.</summary>
    private void ArmClosing()
    {
        if (closingArmedFor == WindowEndsAt) return;
        closingArmedFor = WindowEndsAt;
        closing?.Dispose();
        closing = null;
        if (WindowEndsAt is not { } end) return;
        var left = end - Clock.GetUtcNow();
        if (left <= TimeSpan.Zero) return;
        closing = Clock.CreateTimer(_ => _ = InvokeAsync(StateHasChanged), null, left, Timeout.InfiniteTimeSpan);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (attached) return;
        attached = true;
        await JS.InvokeVoidAsync("omni.composer.attach", textBox);
    }

    private void SetNoteMode(bool note)
    {
        noteMode = note;
        fileProblem = null;
    }

    private async Task TextChangedAsync()
    {
        var match = SlashQuery().Match(text);
        if (!match.Success)
        {
            matches = [];
            dismissed = false;
            return;
        }
        // Fresh each time the list opens, so a reply an admin just added is there.
        if (replies is null || matches.Count == 0) replies = await QuickReplies.ListAsync();
        matches = QuickReplyService.Filter(replies, match.Groups["query"].Value);
        selected = Math.Clamp(selected, 0, Math.Max(0, matches.Count - 1));
    }

    private async Task KeyDownAsync(KeyboardEventArgs e)
    {
        if (MenuOpen)
        {
            switch (e.Key)
            {
                case "ArrowDown":
                    selected = (selected + 1) % matches.Count;
                    return;
                case "ArrowUp":
                    selected = (selected - 1 + matches.Count) % matches.Count;
                    return;
                case "Escape":
                    dismissed = true;
                    return;
                case "Tab":
                case "Enter" when !e.ShiftKey:
                    await InsertAsync(matches[selected]);
                    return;
            }
        }
        if (e.Key == "Enter" && !e.ShiftKey && !e.IsComposing) await SubmitAsync();
    }

    private async Task InsertAsync(QuickReplySummary reply)
    {
        var match = SlashQuery().Match(text);
        var start = match.Success ? match.Index + match.Value.IndexOf('/') : text.Length;
        text = text[..start] + reply.Text;
        matches = [];
        selected = 0;
        await JS.InvokeVoidAsync("omni.composer.focus", textBox);
    }

    private async Task SubmitAsync()
    {
        if (!HasContent || ReplyBlocked || TooLong) return;
        var written = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        matches = [];
        if (noteMode)
        {
            if (written is null || OnNote is null) return;
            text = "";
            var problem = await OnNote(written);
            if (problem is not null) text = written;
            return;
        }
        var file = upload;
        text = "";
        upload = null;
        fileProblem = null;
        await OnSend.InvokeAsync(new ComposedMessage(written, file));
    }

    private string QuotedLabel(MessageView message) => message.Direction == MessageDirection.Inbound ? L["Replying to the customer"]
        : message.AuthorName is { Length: > 0 } author ? L["Replying to {0}", author]
        : L["Replying to the team"];

    private string QuotedText(MessageView message) => message.Body is { Length: > 0 } body
        ? body.Length > 140 ? body[..140] + "…" : body
        : message.Media.Count > 0 ? L["Attachment"] : message.Location is not null ? L["Shared location"] : "";

    private async Task<bool> SendTemplateAsync(TemplateOption template, IReadOnlyList<string> values)
    {
        if (OnTemplate is null) return false;
        var sent = await OnTemplate(template, values);
        if (sent) showTemplates = false;
        return sent;
    }

    private async Task PickFileAsync(InputFileChangeEventArgs e)
    {
        fileProblem = null;
        upload = null;
        var file = e.File;
        var type = file.ContentType.ToLowerInvariant();
        if (!MediaOptions.IsAllowed(type))
        {
            fileProblem = L["WhatsApp does not accept files of type {0}.", type.Length == 0 ? "?" : type];
            return;
        }
        var limit = MediaOptions.IsImage(type) ? Options?.MaxImageBytes ?? 0 : Options?.MaxFileBytes ?? 0;
        if (file.Size > limit)
        {
            fileProblem = L["The file is larger than {0} MB.", limit / (1024 * 1024)];
            return;
        }
        using var buffer = new MemoryStream();
        await using (var stream = file.OpenReadStream(limit)) await stream.CopyToAsync(buffer);
        upload = new AttachmentUpload(buffer.ToArray(), type, file.Name);
        await JS.InvokeVoidAsync("omni.composer.focus", textBox);
    }

    public void Dispose() => closing?.Dispose();
}
