using Microsoft.AspNetCore.Components;
using MudBlazor;
using OmniWhatsApp.Core.Inbox;
using OmniWhatsApp.Core.Messages;

namespace OmniWhatsApp.Web.Components.Shared.Conversations;

public sealed partial class MessageBubble
{
    [Parameter, EditorRequired] public MessageView Message { get; set; } = default!;

    /// <summary>Reply to this message (the conversation's handler only); the action shows only when set.</summary>
    [Parameter] public EventCallback<MessageView> OnReply { get; set; }

    private bool CanReply => OnReply.HasDelegate && Message.Id > 0 && Message.Kind is not (MessageKind.Note or MessageKind.System);

    private bool Inbound => Message.Direction == MessageDirection.Inbound;

    /// <summary>Messages that go to the customer have ticks; notes never leave the app.</summary>
    private bool Sent => !Inbound && Message.Kind is MessageKind.Text or MessageKind.Template or MessageKind.Automated or MessageKind.Bot;

    private bool Failed => Sent && (Message.Status.IsFinalFailure() || Message.Dispatch == DispatchState.Failed);

    /// <summary>A contact card's file is not shown once its name or number is read: the contact stands for it.</summary>
    private bool HidesCard(MediaView media) =>
        Message.Contact is { Name: not null } or { Phone: not null } && VCard.IsContactCard(media.ContentType);

    private string Time => Message.CreatedAt.ToLocalTime().ToString("HH:mm");

    private string? Label => Message.Kind switch
    {
        MessageKind.Note => L["Internal note · only your team sees it"].Value,
        MessageKind.Template => L["Template"].Value,
        MessageKind.Automated => L["Automated message"].Value,
        _ => null,
    };

    private string LabelIcon => Message.Kind switch
    {
        MessageKind.Note => Icons.Material.Outlined.Lock,
        MessageKind.Template => Icons.Material.Outlined.Description,
        _ => Icons.Material.Outlined.SmartToy,
    };
}
