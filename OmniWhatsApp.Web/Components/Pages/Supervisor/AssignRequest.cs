namespace OmniWhatsApp.Web.Components.Pages.Supervisor;

/// <summary>A supervisor asked to give this conversation to an agent (<see cref="AssignDialog"/>).</summary>
/// <param name="Waiting">It waits in its queue (assign); otherwise an agent holds it (reassign).</param>
public sealed record AssignRequest(int ConversationId, string Customer, bool Waiting);
