using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Web.Endpoints;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Web.Components.Pages.Account;

public partial class Login
{
    private string? error;
    private LoginInputValidator validator = default!;

    [SupplyParameterFromForm] private LoginInput? Input { get; set; }
    [SupplyParameterFromQuery] private string? ReturnUrl { get; set; }
    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;

    protected override void OnInitialized()
    {
        Input ??= new LoginInput();
        validator = new LoginInputValidator(L);
    }

    private async Task SignInAsync()
    {
        var email = Input!.Email.Trim();
        var (outcome, retryAfter) = await Guard.SignInAsync(SignIn, HttpContext.Connection.RemoteIpAddress, email, Input.Password, Input.RememberMe);
        switch (outcome)
        {
            case SignInOutcome.SignedIn:
                Navigation.NavigateTo(AccountEndpoints.LocalReturnPath(ReturnUrl) ?? "/", forceLoad: true);
                break;
            case SignInOutcome.TooManyAttempts:
                var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
                HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                error = L.Plural("Too many sign-in attempts. Try again in {0} seconds.", seconds);
                break;
            default:
                // The same words whether the account is unknown, locked or the password wrong: they must not tell
                // someone trying addresses which ones have an account. Admins see locks on the Users page.
                error = L["The email address or password is not right. After 5 wrong passwords an account is locked for 15 minutes; an admin can unlock it sooner."];
                break;
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
