using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Twilio;

namespace OmniWhatsApp.Web.Emulator;

/// <summary>Twilio's Content API (content.twilio.com/v1): the template catalogue, with and without approvals.</summary>
internal static class EmulatorContentApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var content = app.MapGroup("/" + EmulatorEndpoints.ContentApiPath + "v1").AllowAnonymous().DisableAntiforgery();
        content.MapGet("/Content", (HttpRequest request, IOptions<EmulatorOptions> options, TimeProvider clock) =>
            Page(request, options.Value, clock, "Content", withApprovals: false));
        content.MapGet("/ContentAndApprovals", (HttpRequest request, IOptions<EmulatorOptions> options, TimeProvider clock) =>
            Page(request, options.Value, clock, "ContentAndApprovals", withApprovals: true));
        content.MapGet("/Content/{contentSid}", (string contentSid, HttpRequest request, IOptions<EmulatorOptions> options, TimeProvider clock) =>
        {
            if (!TwilioEmulator.IsAuthenticated(request, options.Value)) return TwilioEmulator.Unauthorized();
            return EmulatorContentCatalogue.Find(contentSid) is { } template
                ? Results.Json(Resource(template, options.Value, clock, withApprovals: false))
                : TwilioEmulator.TwilioErrorResult(404, 20404, $"The requested resource /v1/Content/{contentSid} was not found");
        });
    }

    private static IResult Page(HttpRequest request, EmulatorOptions emulator, TimeProvider clock, string resource, bool withApprovals)
    {
        if (!TwilioEmulator.IsAuthenticated(request, emulator)) return TwilioEmulator.Unauthorized();
        var pageSize = int.TryParse(request.Query["PageSize"], out var size) ? Math.Clamp(size, 1, 1000) : 50;
        var url = $"https://content.twilio.com/v1/{resource}?PageSize={pageSize}&Page=0";
        return Results.Json(new Dictionary<string, object?>
        {
            ["contents"] = EmulatorContentCatalogue.All.Take(pageSize).Select(t => Resource(t, emulator, clock, withApprovals)).ToList(),
            ["meta"] = new Dictionary<string, object?>
            {
                ["page"] = 0,
                ["page_size"] = pageSize,
                ["first_page_url"] = url,
                ["previous_page_url"] = null,
                ["url"] = url,
                ["next_page_url"] = null,
                ["key"] = "contents",
            },
        });
    }

    private static Dictionary<string, object?> Resource(EmulatorTemplate template, EmulatorOptions emulator, TimeProvider clock, bool withApprovals)
    {
        // The catalogue is fixed; its dates are the start of the current year, so they stay plausible.
        var created = new DateTimeOffset(clock.GetUtcNow().Year, 1, 1, 9, 0, 0, TimeSpan.Zero);
        var resource = new Dictionary<string, object?>
        {
            ["sid"] = template.Sid,
            ["account_sid"] = emulator.AccountSid,
            ["friendly_name"] = template.FriendlyName,
            ["language"] = template.Language,
            ["variables"] = template.Variables,
            ["types"] = new Dictionary<string, object> { ["twilio/text"] = new Dictionary<string, string> { ["body"] = template.Body } },
            ["url"] = $"https://content.twilio.com/v1/Content/{template.Sid}",
            ["date_created"] = TwilioDates.Format(created),
            ["date_updated"] = TwilioDates.Format(created),
        };
        if (withApprovals)
        {
            resource["approval_requests"] = new Dictionary<string, object?>
            {
                ["name"] = template.FriendlyName,
                ["category"] = template.Category,
                ["content_type"] = "twilio/text",
                ["status"] = template.ApprovalStatus,
                ["rejection_reason"] = "",
                ["allow_category_change"] = true,
            };
        }
        else
        {
            resource["links"] = new Dictionary<string, string>
            {
                ["approval_fetch"] = $"https://content.twilio.com/v1/Content/{template.Sid}/ApprovalRequests",
                ["approval_create"] = $"https://content.twilio.com/v1/Content/{template.Sid}/ApprovalRequests/whatsapp",
            };
        }
        return resource;
    }
}
