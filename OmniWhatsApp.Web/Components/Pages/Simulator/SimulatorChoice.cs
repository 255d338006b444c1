using OmniWhatsApp.Web.Emulator;

namespace OmniWhatsApp.Web.Components.Pages.Simulator;

/// <summary>A reply button or list row the simulated customer tapped.</summary>
public sealed record SimulatorChoice(EmulatorChoice Choice, bool FromList);
