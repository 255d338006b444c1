using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace OmniWhatsApp.Web.Emulator;

/// <summary>
/// Twilio's Content API (content.twilio.com/v1): the account's templates with and without their WhatsApp approvals,
/// creating and deleting a template, and requesting its approval (reviewed as <see cref="EmulatorTemplateReview"/> says).
/// </summary>
internal static class EmulatorContentApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var content = app.MapGroup("/" + TwilioEmulator.ContentApiPath + "v1").AllowAnonymous().DisableAntiforgery();
        content.MapGet("/Content", (HttpRequest request, IOptions<EmulatorOptions> options, EmulatorContent templates, TimeProvider clock) =>
            Page(request, options.Value, templates, clock, "Content", withApprovals: false));
        content.MapGet("/ContentAndApprovals", (HttpRequest request, IOptions<EmulatorOptions> options, EmulatorContent templates, TimeProvider clock) =>
            Page(request, options.Value, templates, clock, "ContentAndApprovals", withApprovals: true));
        content.MapGet("/Content/{contentSid}", (string contentSid, HttpRequest request, IOptions<EmulatorOptions> options, EmulatorContent templates, TimeProvider clock) =>
        {
            if (!TwilioEmulator.IsAuthenticated(request, options.Value)) return TwilioEmulator.Unauthorized();
            return templates.Find(contentSid) is { } template
                ? Results.Json(Resource(template, options.Value, clock, withApprovals: false))
                : NotFound($"/v1/Content/{contentSid}");
        });
        content.MapPost("/Content", CreateAsync);
        content.MapDelete("/Content/{contentSid}", (string contentSid, HttpRequest request, IOptions<EmulatorOptions> options, EmulatorContent templates) =>
        {
            if (!TwilioEmulator.IsAuthenticated(request, options.Value)) return TwilioEmulator.Unauthorized();
            return templates.Delete(contentSid) ? Results.NoContent() : NotFound($"/v1/Content/{contentSid}");
        });
        content.MapPost("/Content/{contentSid}/ApprovalRequests/whatsapp", RequestApprovalAsync);
        content.MapGet("/Content/{contentSid}/ApprovalRequests", (string contentSid, HttpRequest request, IOptions<EmulatorOptions> options, EmulatorContent templates) =>
        {
            if (!TwilioEmulator.IsAuthenticated(request, options.Value)) return TwilioEmulator.Unauthorized();
            return templates.Find(contentSid) is { } template
                ? Results.Json(new Dictionary<string, object?>
                {
                    ["account_sid"] = options.Value.AccountSid,
                    ["sid"] = template.Sid,
                    ["whatsapp"] = Approval(template),
                    ["url"] = $"https://content.twilio.com/v1/Content/{template.Sid}/ApprovalRequests",
                })
                : NotFound($"/v1/Content/{contentSid}/ApprovalRequests");
        });
    }

    private static IResult Page(HttpRequest request, EmulatorOptions emulator, EmulatorContent templates, TimeProvider clock, string resource, bool withApprovals)
    {
        if (!TwilioEmulator.IsAuthenticated(request, emulator)) return TwilioEmulator.Unauthorized();
        var pageSize = int.TryParse(request.Query["PageSize"], out var size) ? Math.Clamp(size, 1, 1000) : 50;
        var all = templates.All;
        var url = $"https://content.twilio.com/v1/{resource}?PageSize={pageSize}&Page=0";
        return Results.Json(new Dictionary<string, object?>
        {
            ["contents"] = all.Take(pageSize).Select(t => Resource(t, emulator, clock, withApprovals)).ToList(),
            ["meta"] = TwilioEmulator.Meta("contents", pageSize, url, next: null),
        });
    }

    /// <summary>POST /v1/Content (JSON: friendly_name, language, variables, types): a new template, not yet approved.</summary>
    private static async Task<IResult> CreateAsync(HttpRequest request, IOptions<EmulatorOptions> options, EmulatorContent templates, TimeProvider clock)
    {
        if (!TwilioEmulator.IsAuthenticated(request, options.Value)) return TwilioEmulator.Unauthorized();
        if (await TwilioEmulator.ReadJsonAsync(request) is not { } body) return Invalid("The request body must be a JSON object.");
        var language = TwilioEmulator.Text(body["language"]);
        if (string.IsNullOrWhiteSpace(language)) return Invalid("Missing required parameter language.");
        if (body["types"] is not JsonObject types || types.Count == 0) return Invalid("Missing required parameter types.");
        var text = types.Select(t => t.Value is JsonObject type ? TwilioEmulator.Text(type["body"]) : null).FirstOrDefault(b => !string.IsNullOrEmpty(b));
        var variables = body["variables"] is JsonObject given
            ? given.Where(v => TwilioEmulator.Text(v.Value) is not null).ToDictionary(v => v.Key, v => TwilioEmulator.Text(v.Value)!, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

        var template = templates.Create(TwilioEmulator.Text(body["friendly_name"]) ?? "", language, text ?? "", variables, types.ToJsonString());
        return Results.Json(Resource(template, options.Value, clock, withApprovals: false), statusCode: 201);
    }

    /// <summary>POST /v1/Content/{HX}/ApprovalRequests/whatsapp (JSON: name, category).</summary>
    private static async Task<IResult> RequestApprovalAsync(string contentSid, HttpRequest request, IOptions<EmulatorOptions> options, EmulatorContent templates)
    {
        if (!TwilioEmulator.IsAuthenticated(request, options.Value)) return TwilioEmulator.Unauthorized();
        if (templates.Find(contentSid) is null) return NotFound($"/v1/Content/{contentSid}");
        if (await TwilioEmulator.ReadJsonAsync(request) is not { } body) return Invalid("The request body must be a JSON object.");
        var name = TwilioEmulator.Text(body["name"]);
        var category = TwilioEmulator.Text(body["category"]);
        if (string.IsNullOrWhiteSpace(name)) return Invalid("Missing required parameter name.");
        if (category is not ("UTILITY" or "MARKETING" or "AUTHENTICATION")) return Invalid("category must be UTILITY, MARKETING or AUTHENTICATION.");
        var template = templates.RequestApproval(contentSid, name, category)!;
        return Results.Json(Approval(template), statusCode: 201);
    }

    private static Dictionary<string, object?> Resource(EmulatorTemplate template, EmulatorOptions emulator, TimeProvider clock, bool withApprovals)
    {
        // The catalogue is fixed; its dates are the start of the current year, so they stay plausible.
        var created = template.DateCreated ?? new DateTimeOffset(clock.GetUtcNow().Year, 1, 1, 9, 0, 0, TimeSpan.Zero);
        var resource = new Dictionary<string, object?>
        {
            ["sid"] = template.Sid,
            ["account_sid"] = emulator.AccountSid,
            ["friendly_name"] = template.FriendlyName,
            ["language"] = template.Language,
            ["variables"] = template.Variables,
            ["types"] = template.TypesJson is { } json
                ? JsonSerializer.Deserialize<JsonElement>(json)
                : new Dictionary<string, object> { ["twilio/text"] = new Dictionary<string, string> { ["body"] = template.Body } },
            ["url"] = $"https://content.twilio.com/v1/Content/{template.Sid}",
            ["date_created"] = EmulatorWire.IsoDate(created),
            ["date_updated"] = EmulatorWire.IsoDate(created),
        };
        if (withApprovals)
        {
            resource["approval_requests"] = template.ApprovalStatus is null ? null : Approval(template);
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

    private static Dictionary<string, object?> Approval(EmulatorTemplate template) => new()
    {
        ["name"] = template.ApprovalName ?? template.FriendlyName,
        ["category"] = template.Category,
        ["content_type"] = template.ContentType,
        ["status"] = template.ApprovalStatus ?? "unsubmitted",
        ["rejection_reason"] = template.RejectionReason ?? "",
        ["allow_category_change"] = true,
    };

    private static IResult Invalid(string message) => TwilioEmulator.TwilioErrorResult(400, 20001, message);

    private static IResult NotFound(string path) => TwilioEmulator.TwilioErrorResult(404, 20404, $"The requested resource {path} was not found");
}
