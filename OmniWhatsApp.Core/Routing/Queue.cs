using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Core.Routing;

/// <summary>A queue of conversations that a group of agents works on.</summary>
public class Queue
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public List<QueueMember> Members { get; set; } = [];
}

public class QueueMember
{
    public int QueueId { get; set; }
    public Queue? Queue { get; set; }
    public required string UserId { get; set; }
    public AppUser? User { get; set; }
}
