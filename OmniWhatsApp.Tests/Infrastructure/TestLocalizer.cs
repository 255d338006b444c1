using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Localization;

namespace OmniWhatsApp.Tests.Infrastructure;

/// <summary>
/// The product's real string localizer (Strings.resx through the ResourceManager), as the app registers it.
/// Keys are the English text, so validators built with it produce the messages users see.
/// </summary>
public static class TestLocalizer
{
    public static IStringLocalizerFactory Factory { get; } =
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);

    public static IStringLocalizer<Strings> Strings { get; } = new StringLocalizer<Strings>(Factory);
}
