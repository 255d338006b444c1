using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Twilio;

/// <summary>The real Twilio client against the app's built-in emulator, over HTTP on loopback.</summary>
[Collection(AppCollection.Name)]
public sealed class CredentialCheckTests(AppHost app)
{
    [Fact]
    public async Task Emulator_accepts_its_demo_credentials()
    {
        var credentials = app.EmulatorCredentials();

        var result = await app.WithServiceAsync((AccountService s) => s.VerifyAsync(credentials));

        Assert.True(result.Succeeded, result.FirstMessage);
        Assert.Equal(credentials.AccountSid, result.Value!.Sid);
        Assert.Equal("active", result.Value.Status);
        Assert.Equal(app.Configuration["Emulator:FriendlyName"], result.Value.FriendlyName);
    }

    [Fact]
    public async Task Wrong_token_is_reported_as_unauthorized_with_advice()
    {
        var credentials = app.EmulatorCredentials().ToCredentials() with { AuthToken = "ffffffffffffffffffffffffffffffff" };

        var result = await app.WithServiceAsync((TwilioGateway c) => c.VerifyCredentialsAsync(credentials));

        Assert.False(result.Succeeded);
        Assert.Equal(TwilioErrorKind.Unauthorized, result.Error!.Kind);
        Assert.Equal(20003, result.Error.Code);
        Assert.Equal(401, result.Error.HttpStatus);
        Assert.Equal("Twilio rejected this Account SID / Auth Token. Copy both again from the Twilio Console.", result.Error.Message);
    }

    [Fact]
    public async Task Wrong_token_is_shown_on_the_token_field()
    {
        var input = app.EmulatorCredentials();
        input.AuthToken = "ffffffffffffffffffffffffffffffff";

        var result = await app.WithServiceAsync((AccountService s) => s.VerifyAsync(input));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(nameof(CredentialsInput.AuthToken), problem.Field);
        Assert.StartsWith("Twilio rejected this Account SID / Auth Token", problem.Message);
    }

    [Fact]
    public async Task Another_accounts_SID_is_rejected()
    {
        var input = app.EmulatorCredentials();
        input.AccountSid = "AC" + new string('1', 32);

        var result = await app.WithServiceAsync((AccountService s) => s.VerifyAsync(input));

        Assert.False(result.Succeeded);
    }
}
