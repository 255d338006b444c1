using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Components.Shared;

namespace OmniWhatsApp.Tests.Components;

public sealed class UserMenuTests : ComponentTest
{
    public UserMenuTests()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("sam@example.test");
        auth.SetRoles(Roles.Supervisor);
        auth.SetClaims(new Claim("display_name", "Sam Supervisor"));
        Services.AddSingleton<AntiforgeryStateProvider>(new FixedAntiforgery());
    }

    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken GetAntiforgeryToken() => new("token-value", "__RequestVerificationToken");
    }

    [Fact]
    public void Shows_the_signed_in_persons_name_and_role_and_their_initial()
    {
        var menu = Render<UserMenu>();

        Assert.Equal("Sam Supervisor · Supervisor", menu.Find("[data-testid=current-user]").TextContent.Trim());
        Assert.Equal("S", menu.Find(".mud-avatar").TextContent.Trim());
    }

    [Fact]
    public void Offers_the_other_colour_scheme_and_asks_the_layout_to_switch_to_it()
    {
        bool? asked = null;
        _ = Popovers;
        var menu = Render<UserMenu>(p => p
            .Add(m => m.DarkMode, false)
            .Add(m => m.DarkModeChanged, EventCallback.Factory.Create<bool>(this, value => asked = value)));

        menu.Find("[data-testid=user-menu-button]").Click();
        var toggle = Popovers.WaitForElement("[data-testid=toggle-dark-mode]");
        Assert.Contains("Dark theme", toggle.TextContent);
        toggle.Click();

        menu.WaitForAssertion(() => Assert.True(asked));
    }

    [Fact]
    public void Signing_out_is_a_form_post_with_an_antiforgery_token()
    {
        _ = Popovers;
        var menu = Render<UserMenu>();
        menu.Find("[data-testid=user-menu-button]").Click();

        var form = Popovers.WaitForElement("[data-testid=sign-out]").Closest("form")!;

        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("account/logout", form.GetAttribute("action"));
        Assert.Equal("token-value", form.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value"));
    }

    [Fact]
    public void The_language_menu_names_each_language_in_itself_marks_the_current_one_and_posts_with_a_token() => InCulture.Run("ru-RU", () =>
    {
        _ = Popovers;
        var menu = Render<UserMenu>();
        menu.Find("[data-testid=user-menu-button]").Click();

        var form = Popovers.WaitForElement("[data-testid=language-menu]");

        Assert.Equal(("post", "account/language"), (form.GetAttribute("method"), form.GetAttribute("action")));
        Assert.Equal("token-value", form.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value"));
        var choices = form.QuerySelectorAll("button[name=language]");
        Assert.Equal(["English", "Türkçe", "Русский"], choices.Select(b => b.TextContent.Trim()));
        Assert.Equal(["en", "tr", "ru"], choices.Select(b => b.GetAttribute("value")));
        Assert.Equal(["en", "tr", "ru"], choices.Select(b => b.GetAttribute("lang")));
        Assert.Equal([null, null, "true"], choices.Select(b => b.GetAttribute("aria-current")));
    });
}
