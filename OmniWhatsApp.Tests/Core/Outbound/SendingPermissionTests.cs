using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Outbound;

/// <summary>Who may send in a conversation, checked by the outbound service whatever the UI shows.</summary>
[Trait("Storage", "Both")]
[Collection(AppCollection.Name)]
public sealed class SendingPermissionTests(AppHost app)
{
    private const string OnlyTheAgent = "Only the agent handling this conversation, or a supervisor, can send messages in it.";

    [Fact]
    public async Task Only_the_assigned_agent_or_a_supervisor_sends_text_and_templates_and_the_sender_is_the_author()
    {
        var channel = await app.CreateChannelAsync();
        var conversation = await app.OpenConversationAsync(channel);
        var holder = await app.AddAgentAsync("Holder Hana", []);
        var colleague = await app.AddAgentAsync("Colleague Cem", []);
        await SetAsync(conversation.Id, ConversationStatus.Active, holder);
        var supervisor = await app.SupervisorAsync();
        var template = new TemplateMessageInput(conversation.Id, channel.Template("follow_up").Id, ["Sarah", "4711"]);

        var byColleague = await app.SendTextAsync(new SessionMessageInput(conversation.Id, "Not mine to answer"), Actor.Agent(colleague));
        var templateByColleague = await app.SendTemplateAsync(template, Actor.Agent(colleague));
        var byHolder = await app.SendTextAsync(new SessionMessageInput(conversation.Id, "Happy to help"), Actor.Agent(holder));
        var templateByHolder = await app.SendTemplateAsync(template, Actor.Agent(holder));
        var bySupervisor = await app.SendTextAsync(new SessionMessageInput(conversation.Id, "A supervisor here"), supervisor);

        Assert.Equal(OnlyTheAgent, byColleague.FirstMessage);
        Assert.Equal(OnlyTheAgent, templateByColleague.FirstMessage);
        Assert.Equal(holder, (await app.MessageAsync(byHolder.Value)).AuthorId);
        Assert.Equal(holder, (await app.MessageAsync(templateByHolder.Value)).AuthorId);
        Assert.Equal(supervisor.UserId, (await app.MessageAsync(bySupervisor.Value)).AuthorId);
        Assert.Equal(["Happy to help", "Hello Sarah, we are following up on your request 4711.", "A supervisor here"], await BodiesAsync(conversation.Id));
    }

    [Fact]
    public async Task A_waiting_conversation_is_answered_by_no_agent_until_one_has_it()
    {
        var channel = await app.CreateChannelAsync();
        var conversation = await app.OpenConversationAsync(channel);
        var agent = await app.AddAgentAsync("Eager Emre", []);
        await SetAsync(conversation.Id, ConversationStatus.Waiting, agentId: null);

        var refused = await app.SendTextAsync(new SessionMessageInput(conversation.Id, "I'll take this"), Actor.Agent(agent));
        var supervisor = await app.SendTextAsync(new SessionMessageInput(conversation.Id, "We are on it"));

        Assert.Equal(OnlyTheAgent, refused.FirstMessage);
        Assert.True(supervisor.Succeeded, supervisor.FirstMessage);
    }

    [Fact]
    public async Task A_closed_conversation_refuses_the_teams_messages_but_not_the_closing_automated_ones()
    {
        var channel = await app.CreateChannelAsync();
        var conversation = await app.OpenConversationAsync(channel);
        var agent = await app.AddAgentAsync("Closing Cleo", []);
        await SetAsync(conversation.Id, ConversationStatus.Closed, agent);

        var text = await app.SendTextAsync(new SessionMessageInput(conversation.Id, "One more thing"), Actor.Agent(agent));
        var supervisorText = await app.SendTextAsync(new SessionMessageInput(conversation.Id, "One more thing"));
        var template = await app.SendTemplateAsync(new TemplateMessageInput(conversation.Id, channel.Template("follow_up").Id, ["Sarah", "4711"]));
        var automated = await app.WithServiceAsync((OutboundService s) => s.SendAutomatedAsync(conversation.Id, "This conversation is now closed."));

        Assert.Equal(["The conversation is closed.", "The conversation is closed.", "The conversation is closed."],
            new[] { text, supervisorText, template }.Select(r => r.FirstMessage));
        Assert.True(automated.Succeeded, automated.FirstMessage);
        Assert.Equal(["This conversation is now closed."], await BodiesAsync(conversation.Id));
    }

    private async Task SetAsync(int conversationId, ConversationStatus status, string? agentId)
    {
        await using var db = await app.CreateDbContextAsync();
        await db.Conversations.Where(c => c.Id == conversationId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, status).SetProperty(c => c.AssignedAgentId, agentId));
    }

    private async Task<List<string?>> BodiesAsync(int conversationId)
    {
        await using var db = await app.CreateDbContextAsync();
        return await db.Messages.Where(m => m.ConversationId == conversationId && m.Direction == MessageDirection.Outbound)
            .OrderBy(m => m.Id).Select(m => m.Body).ToListAsync();
    }
}
