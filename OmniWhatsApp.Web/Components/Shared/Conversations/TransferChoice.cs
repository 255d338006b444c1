namespace OmniWhatsApp.Web.Components.Shared.Conversations;

/// <summary>Where the transfer dialog sends a conversation: a queue, or a colleague.</summary>
public sealed record TransferChoice(int? QueueId, string? AgentId);
