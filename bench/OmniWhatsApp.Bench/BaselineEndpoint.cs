using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Inbound;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Web.Endpoints;

namespace OmniWhatsApp.Bench;

/// <summary>
/// The benchmark's parse-only baseline, <c>POST /api/twilio/{accountId}/inbound-baseline</c>: the same checks as the
/// product's inbound webhook (account, form, signature, Twilio's fields, the number) through the same code, and
/// nothing stored. Added to the hosted app by the benchmark only, ahead of the app's own pipeline.
/// </summary>
public sealed class BaselineEndpoint : IStartupFilter
{
    private const string Prefix = "/api/twilio/";
    private const string Suffix = "/inbound-baseline";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && AccountOf(context.Request.Path) is { } accountId)
            {
                var result = await HandleAsync(accountId, context);
                await result.ExecuteAsync(context);
                return;
            }
            await nextMiddleware(context);
        });
        next(app);
    };

    private static Guid? AccountOf(PathString path)
    {
        var value = path.Value ?? "";
        if (!value.StartsWith(Prefix, StringComparison.Ordinal) || !value.EndsWith(Suffix, StringComparison.Ordinal)) return null;
        return Guid.TryParse(value[Prefix.Length..^Suffix.Length], out var id) ? id : null;
    }

    private static async Task<IResult> HandleAsync(Guid accountId, HttpContext context)
    {
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("OmniWhatsApp.Bench.Baseline");
        var url = CallbackUrls.For(services.GetRequiredService<IPublicUrls>().BaseUrl, accountId).Inbound.Replace("/inbound", Suffix, StringComparison.Ordinal);
        var (account, form, refusal) = await TwilioWebhookEndpoints.AuthenticateAsync(accountId, context.Request,
            services.GetRequiredService<ChannelDirectory>(), services.GetRequiredService<WebhookSignature>(), url, logger, context.RequestAborted);
        if (refusal is not null) return refusal;
        var (message, problem) = InboundForm.Parse(form!);
        if (problem is not null) return TwilioWebhookEndpoints.BadRequest(logger, accountId, problem.Reason);
        return account!.Number(message!.To.Value) is null ? Results.NotFound() : Results.Text(TwilioWebhookEndpoints.EmptyTwiml, "text/xml");
    }
}
