using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Distribution;

/// <summary>A host whose distribution pass looks at two waiting conversations per queue at a time.</summary>
public sealed class SmallBatchHost : ClockHost
{
    protected override void Configure(AppHostOptions options) => options.With("Distribution:BatchSize", "2");
}

/// <summary>Push distribution when a queue's oldest waiting conversations need more room than anyone has.</summary>
[Trait("Storage", "Both")]
public sealed class PushDistributionBatchTests(SmallBatchHost host) : IClassFixture<SmallBatchHost>
{
    private AppHost App => host.App;

    [Fact]
    public async Task Old_conversations_nobody_has_room_for_do_not_hold_up_a_younger_one_that_fits()
    {
        // One queue fed by two workstreams: a heavy one (3 units per conversation) and a light one (1 unit).
        var heavy = await WebhookChannel.CreateAsync(App);
        await App.SetWorkstreamAsync(heavy.WorkstreamId, w => w.CapacityPerConversation = 3);
        var light = await WebhookChannel.CreateAsync(App);
        var routed = await App.WithServiceAsync((RoutingService s) => s.SaveRoutingAsync(light.WorkstreamId, new RoutingInput { FallbackQueueId = heavy.QueueId }));
        Assert.True(routed.Succeeded, string.Join("; ", routed.Problems));
        var agent = await App.AddAgentAsync("Two Units", [heavy.QueueId], capacity: 2);

        // More heavy ones waiting than one pass looks at; none fits the agent's two units.
        int[] heavyOnes = [await heavy.OpenConversationAsync(), await heavy.OpenConversationAsync(), await heavy.OpenConversationAsync()];
        var lightOne = await light.OpenConversationAsync();

        Assert.Equal(agent, (await App.AssignedAsync(lightOne)).AssignedAgentId);
        foreach (var id in heavyOnes) Assert.Null((await App.ConversationAsync(id)).AssignedAgentId);
    }
}
