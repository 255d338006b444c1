namespace OmniWhatsApp.Web.Emulator;

/// <summary>One template of the emulated Content API.</summary>
public sealed record EmulatorTemplate(
    string Sid,
    string FriendlyName,
    string Language,
    string Body,
    IReadOnlyDictionary<string, string> Variables,
    string Category,
    string ApprovalStatus);

/// <summary>
/// The emulated account's Content API templates. "order_update" has the same name and text as the demo
/// workstream's template, so a sync on the demo data adds its Content SID instead of a second copy.
/// </summary>
public static class EmulatorContentCatalogue
{
    public static readonly IReadOnlyList<EmulatorTemplate> All =
    [
        new("HX3f1c9e2a7b5d4c8e9a0b1c2d3e4f5a6b", "order_update", "en",
            "Hi {{1}}, your order {{2}} is on its way and should arrive on {{3}}.",
            new Dictionary<string, string> { ["1"] = "Sarah", ["2"] = "#1042", ["3"] = "Friday" }, "UTILITY", "approved"),
        new("HX7a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d", "appointment_reminder", "en",
            "Hello {{1}}, this is a reminder of your appointment on {{2}}. Reply YES to confirm or NO to choose another time.",
            new Dictionary<string, string> { ["1"] = "Sarah", ["2"] = "12 May at 10:30" }, "UTILITY", "approved"),
        new("HX0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a", "request_follow_up", "tr",
            "Merhaba {{1}}, {{2}} numaralı talebinizle ilgili size ulaşıyoruz. Devam etmek için bu mesajı yanıtlayın.",
            new Dictionary<string, string> { ["1"] = "Ayşe", ["2"] = "4711" }, "UTILITY", "approved"),
        new("HX5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b", "spring_sale", "en",
            "Our spring sale starts on {{1}}! Reply STOP to opt out.",
            new Dictionary<string, string> { ["1"] = "1 April" }, "MARKETING", "pending"),
    ];

    public static EmulatorTemplate? Find(string sid) => All.FirstOrDefault(t => t.Sid == sid);
}
