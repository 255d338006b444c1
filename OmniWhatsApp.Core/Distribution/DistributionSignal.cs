using OmniWhatsApp.Core.Common;

namespace OmniWhatsApp.Core.Distribution;

/// <summary>Wakes the automation worker; signals that arrive while it runs coalesce into one more pass.</summary>
public sealed class DistributionSignal : WakeSignal;
