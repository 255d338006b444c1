using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace OmniWhatsApp.Web.Hosting;

/// <summary>
/// Packages' static files (MudBlazor's stylesheet and script under /_content/) compressed on the way out when the
/// build has no compressed copy for the fingerprinted address the pages link. A build (what `dotnet run` serves)
/// compresses only the app's own files for those addresses, so MudBlazor's 620 KB stylesheet went out whole; a
/// published app has precompressed copies, and then this does nothing (the response is already encoded). Only these
/// files, which hold no secrets, are compressed, so compressing over HTTPS is safe here; pages are not.
/// Optimal rather than fastest: the stylesheet goes out in about 70 KB instead of 100 KB, for a few milliseconds
/// once per browser (the fingerprinted address is cached for good).
/// </summary>
public static class PackageAssetCompression
{
    public static IServiceCollection AddPackageAssetCompression(this IServiceCollection services) =>
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.MimeTypes = ["text/css", "text/javascript", "application/javascript"];
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        })
        .Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal)
        .Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);

    public static void UsePackageAssetCompression(this WebApplication app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/_content"), branch => branch.UseResponseCompression());
}
