using OmniWhatsApp.Core.Common;

namespace OmniWhatsApp.Core.Outbound;

/// <summary>Wakes the dispatcher when there is something to send.</summary>
public sealed class OutboxSignal : WakeSignal;
