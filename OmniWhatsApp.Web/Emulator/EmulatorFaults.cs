namespace OmniWhatsApp.Web.Emulator;

public enum EmulatorFaultKind
{
    /// <summary>429 with code 20429; nothing is created.</summary>
    TooManyRequests,
    /// <summary>500; nothing is created.</summary>
    ServerError,
    /// <summary>Waits <see cref="EmulatorFault.Delay"/>, then handles the request normally.</summary>
    SlowResponse,
    /// <summary>Creates the message (and starts its callbacks), then waits <see cref="EmulatorFault.Delay"/> before answering: a timeout after Twilio accepted.</summary>
    AcceptThenStall,
    /// <summary>Answers <see cref="EmulatorFault.Status"/> with Twilio error <see cref="EmulatorFault.Code"/>; nothing is created.</summary>
    Reject,
}

/// <summary>One injected failure of a Messages-create call.</summary>
public sealed record EmulatorFault(EmulatorFaultKind Kind)
{
    public TimeSpan Delay { get; init; }
    public int Status { get; init; } = 400;
    public int Code { get; init; }
    public string Message { get; init; } = "";

    /// <summary>Only a create call to this recipient (+E164) takes the fault; null: any call.</summary>
    public string? To { get; init; }

    public static EmulatorFault TooManyRequests(string? to = null) => new(EmulatorFaultKind.TooManyRequests) { To = to };
    public static EmulatorFault ServerError(string? to = null) => new(EmulatorFaultKind.ServerError) { To = to };
    public static EmulatorFault Slow(TimeSpan delay, string? to = null) => new(EmulatorFaultKind.SlowResponse) { Delay = delay, To = to };
    public static EmulatorFault AcceptThenStall(TimeSpan delay, string? to = null) => new(EmulatorFaultKind.AcceptThenStall) { Delay = delay, To = to };
    public static EmulatorFault Reject(int code, string message, int status = 400, string? to = null) =>
        new(EmulatorFaultKind.Reject) { Code = code, Message = message, Status = status, To = to };
}

/// <summary>
/// Failures to inject into the next Messages-create calls, in order: "the next 2 calls answer 429". Used by tests
/// in-process and through the emulator's control endpoint.
/// </summary>
public sealed class EmulatorFaults
{
    private readonly Lock gate = new();
    private readonly List<EmulatorFault> queued = [];

    /// <summary>The next <paramref name="times"/> matching create calls take <paramref name="fault"/>.</summary>
    public void Add(EmulatorFault fault, int times = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        lock (gate) queued.AddRange(Enumerable.Repeat(fault, times));
    }

    public void Clear()
    {
        lock (gate) queued.Clear();
    }

    public int Pending
    {
        get { lock (gate) return queued.Count; }
    }

    /// <summary>Takes the first queued fault meant for <paramref name="to"/> (+E164), if any.</summary>
    internal EmulatorFault? Take(string? to)
    {
        lock (gate)
        {
            var index = queued.FindIndex(f => f.To is null || f.To == to);
            if (index < 0) return null;
            var fault = queued[index];
            queued.RemoveAt(index);
            return fault;
        }
    }
}
