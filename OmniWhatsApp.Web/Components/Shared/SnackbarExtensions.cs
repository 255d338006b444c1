using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace OmniWhatsApp.Web.Components.Shared;

public static class SnackbarExtensions
{
    /// <summary>A toast with a bold title over its text ("Account saved" / "Sales is connected with …"): two strings, no sentence glued together.</summary>
    public static Snackbar? AddTitled(this ISnackbar snackbar, string title, string text, Severity severity)
    {
        RenderFragment message = builder =>
        {
            builder.OpenElement(0, "div");
            builder.AddAttribute(1, "class", "snackbar-title");
            builder.AddContent(2, title);
            builder.CloseElement();
            builder.OpenElement(3, "div");
            builder.AddContent(4, text);
            builder.CloseElement();
        };
        return snackbar.Add(message, severity);
    }
}
