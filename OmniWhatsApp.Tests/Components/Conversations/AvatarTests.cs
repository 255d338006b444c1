using Bunit;
using MudBlazor;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Components.Shared.Conversations;

namespace OmniWhatsApp.Tests.Components.Conversations;

/// <summary>The inbox's avatar is written out rather than a MudAvatar (one component fewer per row): it must look the same.</summary>
public sealed class AvatarTests : ComponentTest
{
    [Theory]
    [InlineData("Ada Lovelace", false, "AL")]
    [InlineData("+15550001111", true, "#")]
    public void Renders_what_a_MudAvatar_renders(string name, bool large, string initials)
    {
        var avatar = Render<Avatar>(p => p.Add(a => a.Name, name).Add(a => a.Large, large));
        var mud = Render<MudAvatar>(p => p
            .Add(a => a.Size, large ? Size.Medium : Size.Small)
            .Add(a => a.Class, "customer-avatar")
            .AddUnmatched("aria-hidden", "true")
            .AddChildContent(initials));

        avatar.MarkupMatches(mud.Markup);
        Assert.Equal(initials, avatar.Find(".customer-avatar").TextContent);
    }
}
