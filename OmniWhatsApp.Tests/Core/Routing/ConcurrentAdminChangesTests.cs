using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.QuickReplies;
using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Tests.Core.Routing;

/// <summary>
/// Admins who save the same thing at the same moment (decision 0012): routing rules, queue members and unique names come
/// out as one of them saved it, never as a mix, a duplicate or a server error.
/// </summary>
[Collection(AppCollection.Name)]
[Trait("Storage", "Both")]
public sealed class ConcurrentAdminChangesTests(AppHost app)
{
    private const int Rounds = 5;

    [Fact]
    public async Task Two_admins_saving_routing_rules_at_once_leave_one_of_the_two_lists()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var queue = channel.QueueId;

        for (var round = 0; round < Rounds; round++)
        {
            var first = Rules(queue, $"A{round}-1", $"A{round}-2", $"A{round}-3");
            var second = Rules(queue, $"B{round}-1", $"B{round}-2");

            var results = await Task.WhenAll(
                Task.Run(() => app.WithServiceAsync((RoutingService s) => s.SaveRoutingAsync(channel.WorkstreamId, first))),
                Task.Run(() => app.WithServiceAsync((RoutingService s) => s.SaveRoutingAsync(channel.WorkstreamId, second))));

            Assert.All(results, r => Assert.True(r.Succeeded, r.FirstMessage));
            await using var db = await app.CreateDbContextAsync();
            var saved = await db.RoutingRules.Where(r => r.WorkstreamId == channel.WorkstreamId).OrderBy(r => r.Order).ToListAsync();
            var names = saved.Select(r => r.Name).ToList();
            Assert.True(names.SequenceEqual(first.Rules.Select(r => r.Name)) || names.SequenceEqual(second.Rules.Select(r => r.Name)),
                $"round {round}: the rules are [{string.Join(", ", names)}], neither admin's list");
            Assert.Equal(Enumerable.Range(1, saved.Count), saved.Select(r => r.Order));
        }
    }

    [Fact]
    public async Task Admins_setting_a_queues_members_at_once_leave_one_of_their_lists()
    {
        var queue = await app.WithServiceAsync((RoutingService s) => s.CreateQueueAsync(new QueueInput { Name = TestData.UniqueName("Queue") }));
        Assert.True(queue.Succeeded, queue.FirstMessage);
        await using var lookup = await app.CreateDbContextAsync();
        var emails = DemoData.Users.Select(u => u.Email).ToList();
        var users = await lookup.Users.Where(u => emails.Contains(u.Email!)).Select(u => u.Id).ToListAsync();
        Assert.Equal(3, users.Count);
        string[][] lists = [[users[0], users[1]], [users[1], users[2]], [users[2], users[0]], [users[1]]];

        for (var round = 0; round < Rounds; round++)
        {
            var results = await Task.WhenAll(lists.Select(list =>
                Task.Run(() => app.WithServiceAsync((RoutingService s) => s.SetMembersAsync(queue.Value, list)))));

            Assert.All(results, r => Assert.True(r.Succeeded, r.FirstMessage));
            await using var db = await app.CreateDbContextAsync();
            var members = (await db.QueueMembers.Where(m => m.QueueId == queue.Value).Select(m => m.UserId).ToListAsync()).ToHashSet();
            Assert.Contains(lists, list => members.SetEquals(list));
        }
    }

    [Fact]
    public async Task Queues_created_at_once_with_one_name_give_one_queue_and_the_usual_message()
    {
        var name = TestData.UniqueName("Queue");

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            Task.Run(() => app.WithServiceAsync((RoutingService s) => s.CreateQueueAsync(new QueueInput { Name = name })))));

        AssertOneWinner(results.Select(r => (Result)r), "A queue with this name already exists.", nameof(QueueInput.Name));
        await using var db = await app.CreateDbContextAsync();
        Assert.Equal(1, await db.Queues.CountAsync(q => q.Name == name));
    }

    [Fact]
    public async Task Queues_renamed_at_once_to_one_name_give_one_queue_that_name()
    {
        var ids = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((await app.WithServiceAsync((RoutingService s) => s.CreateQueueAsync(new QueueInput { Name = TestData.UniqueName("Queue") }))).Value);
        }
        var name = TestData.UniqueName("Renamed");

        var results = await Task.WhenAll(ids.Select(id =>
            Task.Run(() => app.WithServiceAsync((RoutingService s) => s.RenameQueueAsync(id, new QueueInput { Name = name })))));

        AssertOneWinner(results, "A queue with this name already exists.", nameof(QueueInput.Name));
    }

    [Fact]
    public async Task Workstreams_created_at_once_with_one_name_give_one_workstream_and_the_usual_message()
    {
        var name = TestData.UniqueName("Workstream");

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            Task.Run(() => app.WithServiceAsync((WorkstreamService s) => s.CreateAsync(new WorkstreamInput { Name = name })))));

        AssertOneWinner(results.Select(r => (Result)r), "A workstream with this name already exists.", nameof(WorkstreamInput.Name));
        await using var db = await app.CreateDbContextAsync();
        Assert.Equal(1, await db.Workstreams.CountAsync(w => w.Name == name));
    }

    [Fact]
    public async Task Quick_replies_created_at_once_with_one_shortcut_give_one_reply_and_the_usual_message()
    {
        var shortcut = "race-" + Guid.NewGuid().ToString("N")[..8];
        var supervisor = await app.SupervisorAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            Task.Run(() => app.WithServiceAsync((QuickReplyService s) => s.CreateAsync(new QuickReplyInput { Shortcut = shortcut, Text = "Hello" }, supervisor)))));

        AssertOneWinner(results.Select(r => (Result)r), $"The shortcut /{shortcut} is already used.", nameof(QuickReplyInput.Shortcut));
    }

    [Fact]
    public async Task Users_created_at_once_with_one_email_give_one_user_and_the_usual_message()
    {
        var email = $"race-{Guid.NewGuid():N}@example.com";

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            Task.Run(() => app.WithServiceAsync((UserService s) => s.CreateAsync(new UserInput
            {
                Email = email, DisplayName = $"Racer {i}", Role = Roles.Agent, Capacity = 2, Password = "Race-password-1",
            })))));

        AssertOneWinner(results.Select(r => (Result)r), "A user with this email address already exists.", nameof(UserInput.Email));
        await using var db = await app.CreateDbContextAsync();
        Assert.Equal(1, await db.Users.CountAsync(u => u.NormalizedEmail == email.ToUpperInvariant()));
    }

    private static void AssertOneWinner(IEnumerable<Result> results, string message, string field)
    {
        var all = results.ToList();
        Assert.Single(all, r => r.Succeeded);
        Assert.All(all.Where(r => !r.Succeeded), r => Assert.Equal((field, message), (r.Problems.Single().Field, r.Problems.Single().Message)));
    }

    private static RoutingInput Rules(int queueId, params string[] names) => new()
    {
        FallbackQueueId = queueId,
        Rules = names.Select(n => new RoutingRuleInput { Name = n, Keywords = n.ToLowerInvariant(), QueueId = queueId }).ToList(),
    };
}
