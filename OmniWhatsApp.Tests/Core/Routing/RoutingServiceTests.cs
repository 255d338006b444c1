using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Routing;

/// <summary>Saving a workstream's routing rules: what a rule may refer to.</summary>
[Collection(AppCollection.Name)]
[Trait("Storage", "Both")]
public sealed class RoutingServiceTests(AppHost app)
{
    [Fact]
    public async Task A_rule_on_another_workstreams_number_is_refused_at_its_number_and_nothing_is_saved()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var other = await WebhookChannel.CreateAsync(app);
        var input = new RoutingInput
        {
            FallbackQueueId = channel.QueueId,
            Rules =
            [
                new RoutingRuleInput { Name = "Own number", NumberId = channel.NumberId, QueueId = channel.QueueId },
                new RoutingRuleInput { Name = "Other number", NumberId = other.NumberId, QueueId = channel.QueueId },
            ],
        };

        var refused = await app.WithServiceAsync((RoutingService s) => s.SaveRoutingAsync(channel.WorkstreamId, input));

        Assert.False(refused.Succeeded);
        var problem = Assert.Single(refused.Problems);
        Assert.Equal("Rules[1].NumberId", problem.Field);
        Assert.Equal("Conversations of this workstream never come to this number; choose the workstream's number or leave it empty.", problem.Message);
        Assert.Empty((await app.WithServiceAsync((RoutingService s) => s.GetRoutingAsync(channel.WorkstreamId))).Rules);

        input.Rules[1].NumberId = null;
        var saved = await app.WithServiceAsync((RoutingService s) => s.SaveRoutingAsync(channel.WorkstreamId, input));

        Assert.True(saved.Succeeded, saved.FirstMessage);
        var rules = (await app.WithServiceAsync((RoutingService s) => s.GetRoutingAsync(channel.WorkstreamId))).Rules;
        Assert.Equal([("Own number", (int?)channel.NumberId), ("Other number", null)], rules.Select(r => (r.Name, r.NumberId)));
    }
}
