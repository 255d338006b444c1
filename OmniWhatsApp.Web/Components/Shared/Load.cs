namespace OmniWhatsApp.Web.Components.Shared;

/// <summary>How full an agent is: nothing held, some room left, exactly at capacity, or above it (a supervisor's choice).</summary>
public enum LoadState
{
    Idle,
    Room,
    Full,
    Over,
}

public static class Load
{
    public static LoadState Of(int used, int capacity) =>
        used > capacity ? LoadState.Over
        : capacity > 0 && used == capacity ? LoadState.Full
        : used == 0 ? LoadState.Idle
        : LoadState.Room;
}
