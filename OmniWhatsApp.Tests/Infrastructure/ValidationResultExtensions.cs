using FluentValidation.Results;

namespace OmniWhatsApp.Tests.Infrastructure;

public static class ValidationResultExtensions
{
    /// <summary>The messages reported for one property (FluentValidation's property path, e.g. "Numbers[0].Number").</summary>
    public static IReadOnlyList<string> MessagesFor(this ValidationResult result, string property) =>
        result.Errors.Where(e => e.PropertyName == property).Select(e => e.ErrorMessage).ToList();

    public static IReadOnlyList<string> Messages(this ValidationResult result) =>
        result.Errors.Select(e => e.ErrorMessage).ToList();
}
