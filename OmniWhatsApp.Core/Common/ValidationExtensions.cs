using FluentValidation;
using FluentValidation.Results;

namespace OmniWhatsApp.Core.Common;

public static class ValidationExtensions
{
    public static IReadOnlyList<Problem> ToProblems(this ValidationResult result) =>
        result.Errors.Select(e => new Problem(e.PropertyName, e.ErrorMessage)).ToList();

    /// <summary>Validates <paramref name="input"/>; the failure result carries one problem per invalid field.</summary>
    public static Result Check<T>(this IValidator<T> validator, T input)
    {
        var result = validator.Validate(input);
        return result.IsValid ? Result.Ok() : Result.Fail(result.ToProblems());
    }
}
