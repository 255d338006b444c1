using System.Text.Json;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Tests.Core.Events;

/// <summary>Every live event crosses to another instance as the same record.</summary>
public sealed class LiveEventJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 16, 0, 0, TimeSpan.FromHours(3));

    /// <summary>One of each kind; a new kind of event must be added here (the coverage test says so).</summary>
    private static readonly LiveEvent[] Samples =
    [
        new QueueMembershipChanged("u1", [3, 5], At),
        new UserAccessChanged("u1", At),
        new AgentPresenceChanged("u1", Presence.DoNotDisturb, At),
        new AgentSettingsChanged("u1", At),
        new ConversationOpened(7, 3, null, At, "+905551234567", "Ayşe Yılmaz"),
        new ConversationAssigned(7, 3, "u2", At, "u1", 4),
        new ConversationClosed(7, null, "u2", At),
        new MessageAdded(7, 3, "u2", At, 99, MessageDirection.Inbound, MessageKind.Text),
        new MessageStatusChanged(7, 3, "u2", At, 99, MessageStatus.Failed, 63016, "Outside the window"),
        new MessageMediaChanged(7, 3, "u2", At, 99, 12),
        new ConversationRead(7, 3, "u2", At, 99),
        new WindowClosed(7, 3, null, At),
        new TemplateApprovalChanged(4, 2, "order_update", "tr", TemplateApproval.Rejected, "Variables at the edges", At),
    ];

    public static TheoryData<LiveEvent> Events()
    {
        var data = new TheoryData<LiveEvent>();
        foreach (var sample in Samples) data.Add(sample);
        return data;
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void An_event_read_back_is_the_same_record_with_the_same_values(LiveEvent sample)
    {
        var back = LiveEventJson.Deserialize(LiveEventJson.Serialize(sample));

        Assert.IsType(sample.GetType(), back);
        Assert.Equal(JsonSerializer.Serialize((object)sample), JsonSerializer.Serialize((object)back));
        Assert.Equal(sample.Name, back.Name);
    }

    [Fact]
    public void Every_kind_of_live_event_is_covered_by_a_sample()
    {
        Assert.Equal(LiveEventJson.Types.Values.OrderBy(t => t.Name), Samples.Select(s => s.GetType()).OrderBy(t => t.Name));
    }

    [Fact]
    public void A_payload_naming_an_unknown_event_is_refused()
    {
        Assert.ThrowsAny<JsonException>(() => LiveEventJson.Deserialize("""{"$type":"SomethingNewer","at":"2026-12-06T16:00:00+03:00"}"""u8));
    }
}
