using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Web.Endpoints;

namespace OmniWhatsApp.Web.Components.Pages.Account;

public partial class Login
{
    private string? error;
    private LoginInputValidator validator = default!;

    [SupplyParameterFromForm] private LoginInput? Input { get; set; }
    [SupplyParameterFromQuery] private string? ReturnUrl { get; set; }

    protected override void OnInitialized()
    {
        Input ??= new LoginInput();
        validator = new LoginInputValidator(L);
    }

    private async Task SignInAsync()
    {
        var result = await SignIn.PasswordSignInAsync(Input!.Email.Trim(), Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            Logger.LogInformation("{User} signed in", Input.Email.Trim());
            Navigation.NavigateTo(AccountEndpoints.LocalReturnPath(ReturnUrl) ?? "/", forceLoad: true);
            return;
        }
        if (result.IsLockedOut)
        {
            Logger.LogWarning("Sign-in refused for {User}: locked out", Input.Email.Trim());
            error = L["This account is locked after too many failed attempts. Try again in 15 minutes or ask an admin."];
        }
        else
        {
            Logger.LogInformation("Sign-in failed for {User}", Input.Email.Trim());
            error = L["The email address or password is not right."];
        }
    }


    public sealed class LoginInput
    {
        public string Email { get; set; } = "";
        public string Password { get; set; } = "";
        public bool RememberMe { get; set; }
    }

    private sealed class LoginInputValidator : AbstractValidator<LoginInput>
    {
        public LoginInputValidator(IStringLocalizer<Strings> L)
        {
            RuleFor(x => x.Email).NotEmpty().WithMessage(_ => L["Enter your email address."]);
            RuleFor(x => x.Password).NotEmpty().WithMessage(_ => L["Enter your password."]);
        }
    }
}
