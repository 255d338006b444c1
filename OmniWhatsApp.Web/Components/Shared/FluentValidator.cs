using System.Collections;
using System.Reflection;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using OmniWhatsApp.Core.Common;

namespace OmniWhatsApp.Web.Components.Shared;

/// <summary>
/// Connects an <see cref="EditForm"/> to the FluentValidation validator of its model: the whole model is checked
/// on submit, one field as soon as it changes, and each message appears next to its field. Problems found by a
/// service (a taken number, Twilio's refusal) are added with <see cref="Show"/>.
/// </summary>
public sealed class FluentValidator<TModel> : ComponentBase, IDisposable
{
    private ValidationMessageStore? store;
    private EditContext? subscribed;

    [CascadingParameter] private EditContext? EditContext { get; set; }
    [Inject] private IServiceProvider Services { get; set; } = default!;

    /// <summary>The validator to use; by default the one registered for <typeparamref name="TModel"/>.</summary>
    [Parameter] public IValidator<TModel>? Validator { get; set; }

    /// <summary>Only these properties are checked (a wizard step that shows part of a larger model).</summary>
    [Parameter] public string[]? Properties { get; set; }

    protected override void OnParametersSet()
    {
        if (EditContext is null) throw new InvalidOperationException($"{nameof(FluentValidator<TModel>)} must be inside an EditForm.");
        if (ReferenceEquals(EditContext, subscribed)) return;
        Unsubscribe();
        subscribed = EditContext;
        store = new ValidationMessageStore(EditContext);
        EditContext.OnValidationRequested += OnValidationRequested;
        EditContext.OnFieldChanged += OnFieldChanged;
    }

    private IValidator<TModel> ActiveValidator => Validator ?? Services.GetRequiredService<IValidator<TModel>>();

    private IEnumerable<FluentValidation.Results.ValidationFailure> Validate()
    {
        var model = (TModel)subscribed!.Model;
        var context = Properties is { Length: > 0 }
            ? ValidationContext<TModel>.CreateWithOptions(model, o => o.IncludeProperties(Properties))
            : new ValidationContext<TModel>(model);
        return ActiveValidator.Validate(context).Errors;
    }

    private void OnValidationRequested(object? sender, ValidationRequestedEventArgs e)
    {
        if (store is null || subscribed is null) return;
        store.Clear();
        foreach (var error in Validate())
        {
            store.Add(FieldFor(subscribed.Model, error.PropertyName), error.ErrorMessage);
        }
        subscribed.NotifyValidationStateChanged();
    }

    private void OnFieldChanged(object? sender, FieldChangedEventArgs e)
    {
        if (store is null || subscribed is null) return;
        store.Clear(e.FieldIdentifier);
        foreach (var error in Validate())
        {
            var field = FieldFor(subscribed.Model, error.PropertyName);
            if (field.Equals(e.FieldIdentifier)) store.Add(field, error.ErrorMessage);
        }
        subscribed.NotifyValidationStateChanged();
    }

    /// <summary>Shows problems a service reported, next to their fields (or form-wide when they name none).</summary>
    public void Show(IEnumerable<Problem> problems)
    {
        if (store is null || subscribed is null) return;
        foreach (var problem in problems)
        {
            var field = FieldFor(subscribed.Model, problem.Field);
            // The service runs the same rules the form already checked (and Verify may be pressed twice): never show a message twice.
            if (!subscribed.GetValidationMessages(field).Contains(problem.Message)) store.Add(field, problem.Message);
        }
        subscribed.NotifyValidationStateChanged();
    }

    /// <summary>Turns a path such as <c>Credentials.AuthToken</c> or <c>Numbers[1].Number</c> into a field of the model.</summary>
    internal static FieldIdentifier FieldFor(object model, string path)
    {
        if (string.IsNullOrEmpty(path)) return new FieldIdentifier(model, "");
        var owner = model;
        var segments = path.Split('.');
        for (var i = 0; i < segments.Length - 1; i++)
        {
            var next = Step(owner, segments[i]);
            if (next is null) return new FieldIdentifier(model, path);
            owner = next;
        }
        var last = segments[^1];
        var bracket = last.IndexOf('[');
        if (bracket >= 0)
        {
            // "Items[2]" as the last segment: the message belongs to the item's list as a whole.
            return new FieldIdentifier(owner, last[..bracket]);
        }
        return new FieldIdentifier(owner, last);
    }

    private static object? Step(object owner, string segment)
    {
        var bracket = segment.IndexOf('[');
        var name = bracket >= 0 ? segment[..bracket] : segment;
        var value = owner.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance)?.GetValue(owner);
        if (bracket < 0 || value is not IList list) return value;
        var index = int.Parse(segment[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
        return index >= 0 && index < list.Count ? list[index] : null;
    }

    private void Unsubscribe()
    {
        if (subscribed is null) return;
        subscribed.OnValidationRequested -= OnValidationRequested;
        subscribed.OnFieldChanged -= OnFieldChanged;
        store?.Clear();
        subscribed = null;
    }

    public void Dispose() => Unsubscribe();
}
