namespace OmniWhatsApp.Web.Endpoints;

/// <summary>
/// What a machine gets under <c>/api/</c> when nothing there answers: 404 for an unknown path (a webhook URL with an
/// account id that is not a GUID included), 405 for a method a webhook does not take; both logged, never a redirect to
/// the sign-in page.
/// </summary>
public static class ApiFallbackEndpoints
{
    public static void MapApiFallback(this IEndpointRouteBuilder app) =>
        // A catch-all has the lowest precedence: every real endpoint under /api/ wins over it.
        app.Map("/api/{**rest}", NotFound).AllowAnonymous().DisableAntiforgery();

    private static IResult NotFound(HttpRequest request, ILoggerFactory logs)
    {
        logs.CreateLogger("OmniWhatsApp.Api").LogWarning("API request refused (404): nothing answers {Method} {Path}", request.Method, request.Path.Value);
        return Results.NotFound();
    }

    public static IResult MethodNotAllowed(HttpRequest request, HttpResponse response, ILoggerFactory logs)
    {
        logs.CreateLogger("OmniWhatsApp.Api").LogWarning("API request refused (405): {Method} {Path} takes only POST", request.Method, request.Path.Value);
        response.Headers.Allow = HttpMethods.Post;
        return Results.StatusCode(StatusCodes.Status405MethodNotAllowed);
    }
}
