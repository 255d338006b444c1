using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Inbound;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Web.Endpoints;

/// <summary>
/// Stored attachments, for signed-in users who may see the conversation they belong to; and, for Twilio, agents'
/// uploads at short-lived signed links (<see cref="PublicMediaLinks"/>) that need no sign-in.
/// </summary>
public static class MediaEndpoints
{
    public static void MapMedia(this IEndpointRouteBuilder app)
    {
        app.MapGet("/media/{id:long}", ServeAsync).RequireAuthorization();
        app.MapGet("/" + PublicMediaLinks.Route + "/{id:long}", ServePublicAsync).AllowAnonymous();
    }

    /// <summary>A signed link: 403 when it is expired or not one this app made (the same answer, so nothing is learnt by trying).</summary>
    private static async Task<IResult> ServePublicAsync(long id, long? expires, string? sig, PublicMediaLinks links, IDbContextFactory<OmniDbContext> dbFactory,
        MediaStorage storage, HttpResponse response, ILoggerFactory loggers, CancellationToken ct)
    {
        var check = expires is { } until ? links.Check(id, until, sig) : MediaLinkCheck.Forged;
        if (check != MediaLinkCheck.Valid)
        {
            loggers.CreateLogger(typeof(MediaEndpoints)).LogInformation("Public link to media {MediaId} refused: {Check}", id, check);
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var media = await db.Media.AsNoTracking()
            .Where(m => m.Id == id && m.State == MediaState.Stored)
            .Select(m => new { m.StoragePath, m.ContentType, m.FileName })
            .FirstOrDefaultAsync(ct);
        var path = storage.Resolve(media?.StoragePath);
        if (media is null || path is null) return Results.NotFound();
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "no-store";
        var download = MediaOptions.IsImage(media.ContentType) ? null : media.FileName ?? System.IO.Path.GetFileName(path);
        return Results.File(path, media.ContentType, download);
    }

    private static async Task<IResult> ServeAsync(long id, ClaimsPrincipal user, IDbContextFactory<OmniDbContext> dbFactory,
        ConversationAccess access, MediaStorage storage, HttpResponse response, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var media = await db.Media.AsNoTracking()
            .Where(m => m.Id == id && m.State == MediaState.Stored)
            .Select(m => new { m.StoragePath, m.ContentType, m.FileName, m.Message!.ConversationId })
            .FirstOrDefaultAsync(ct);
        if (media is null) return Results.NotFound();

        if (!await access.CanViewAsync(Actor.From(user), media.ConversationId, ct)) return Results.Forbid();

        var path = storage.Resolve(media.StoragePath);
        if (path is null) return Results.NotFound();
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "private, max-age=3600";
        // Images show inline; anything else downloads, so a document can never run in the app's origin.
        var download = MediaOptions.IsImage(media.ContentType) ? null : media.FileName ?? System.IO.Path.GetFileName(path);
        return Results.File(path, media.ContentType, download, enableRangeProcessing: true);
    }
}
