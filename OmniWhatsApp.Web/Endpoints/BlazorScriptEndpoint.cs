using Microsoft.Net.Http.Headers;

namespace OmniWhatsApp.Web.Endpoints;

/// <summary>
/// Serves /_framework/blazor.web.js from the copy the build embedded (see build/BlazorScript.targets).
/// Does nothing when the build used the official assets package, which serves the script itself.
/// </summary>
public static class BlazorScriptEndpoint
{
    private const string ResourceName = "blazor.web.js";

    public static void MapBlazorScript(this IEndpointRouteBuilder app)
    {
        var assembly = typeof(BlazorScriptEndpoint).Assembly;
        if (assembly.GetManifestResourceInfo(ResourceName) is null) return;

        using var stream = assembly.GetManifestResourceStream(ResourceName)!;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var script = memory.ToArray();
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(script))[..16]}\"");

        app.MapGet("/_framework/blazor.web.js", () => Results.Bytes(script, "text/javascript", entityTag: etag))
            .AllowAnonymous();
    }
}
