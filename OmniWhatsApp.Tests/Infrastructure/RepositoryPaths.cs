namespace OmniWhatsApp.Tests.Infrastructure;

/// <summary>The source tree, found from the test assembly by walking up to the folder with OmniWhatsApp.sln.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "OmniWhatsApp.sln"))) return folder.FullName;
        }
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains OmniWhatsApp.sln.");
    });

    public static string Root => RootPath.Value;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);
}
