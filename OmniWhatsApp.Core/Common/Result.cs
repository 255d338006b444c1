namespace OmniWhatsApp.Core.Common;

/// <summary>One problem with a request, tied to the field it concerns (empty for the whole request).</summary>
public sealed record Problem(string Field, string Message);

/// <summary>An expected outcome: success, or the problems the user can fix. Faults stay exceptions.</summary>
public class Result
{
    protected Result(IReadOnlyList<Problem> problems) => Problems = problems;

    public IReadOnlyList<Problem> Problems { get; }
    public bool Succeeded => Problems.Count == 0;

    public static Result Ok() => new([]);
    public static Result Fail(string message, string field = "") => new([new Problem(field, message)]);
    public static Result Fail(IReadOnlyList<Problem> problems) => new(problems);

    public string FirstMessage => Problems.Count == 0 ? "" : Problems[0].Message;
}

public sealed class Result<T> : Result
{
    private Result(T? value, IReadOnlyList<Problem> problems) : base(problems) => Value = value;

    public T? Value { get; }

    public static Result<T> Ok(T value) => new(value, []);
    public static new Result<T> Fail(string message, string field = "") => new(default, [new Problem(field, message)]);
    public static new Result<T> Fail(IReadOnlyList<Problem> problems) => new(default, problems);
}
