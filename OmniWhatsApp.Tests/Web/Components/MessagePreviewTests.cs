using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Components.Shared;
using OmniWhatsApp.Web.Components.Shared.Conversations;

namespace OmniWhatsApp.Tests.Web.Components;

/// <summary>The inbox's line under a customer's name, and file sizes as both sides of a chat show them.</summary>
public sealed class MessagePreviewTests
{
    private static readonly Microsoft.Extensions.Localization.IStringLocalizer<OmniWhatsApp.Core.Localization.Strings> L = TestLocalizer.Strings;

    [Theory]
    [InlineData(null, "image/jpeg", "📷 Photo")]
    [InlineData("", "image/png", "📷 Photo")]
    [InlineData("  ", "video/mp4", "🎥 Video")]
    [InlineData(null, "audio/ogg", "🎤 Audio")]
    [InlineData(null, "application/pdf", "📄 Document")]
    [InlineData("The receipt", "image/jpeg", "📷 The receipt")]
    [InlineData("Where is my order?", null, "Where is my order?")]
    [InlineData(null, null, "")]
    public void A_message_without_text_says_what_it_carries(string? body, string? mediaType, string expected) =>
        Assert.Equal(expected, MessagePreview.Text(L, body, mediaType));

    [Theory]
    [InlineData(0, "0 bytes")]
    [InlineData(830, "830 bytes")]
    [InlineData(1024, "1 KB")]
    [InlineData(1025, "2 KB")]
    [InlineData(150 * 1024, "150 KB")]
    [InlineData(1024 * 1024, "1 MB")]
    [InlineData(1536 * 1024, "1.5 MB")]
    public void File_sizes_read_the_same_everywhere(long bytes, string expected)
    {
        using var _ = new CultureScope("en-US");
        Assert.Equal(expected, FileSizes.Format(L, bytes));
    }

    private sealed class CultureScope : IDisposable
    {
        private readonly System.Globalization.CultureInfo before = System.Globalization.CultureInfo.CurrentCulture;

        public CultureScope(string name) => System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo(name);

        public void Dispose() => System.Globalization.CultureInfo.CurrentCulture = before;
    }
}
