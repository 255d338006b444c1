using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Inbound;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Web.Endpoints;

/// <summary>Stored attachments, for signed-in users who may see the conversation they belong to.</summary>
public static class MediaEndpoints
{
    public static void MapMedia(this IEndpointRouteBuilder app)
    {
        app.MapGet("/media/{id:long}", ServeAsync).RequireAuthorization();
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

        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var seesEverything = user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Supervisor);
        if (!await access.CanViewAsync(userId, seesEverything, media.ConversationId, ct)) return Results.Forbid();

        var path = storage.Resolve(media.StoragePath);
        if (path is null) return Results.NotFound();
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "private, max-age=3600";
        // Images show inline; anything else downloads, so a document can never run in the app's origin.
        var download = MediaOptions.IsImage(media.ContentType) ? null : media.FileName ?? System.IO.Path.GetFileName(path);
        return Results.File(path, media.ContentType, download, enableRangeProcessing: true);
    }
}
