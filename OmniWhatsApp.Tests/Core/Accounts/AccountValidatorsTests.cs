using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Accounts;

public sealed class AccountValidatorsTests
{
    private const string Sid = "AC0e5a7d1c9b3f48e6a2d4c8b1f7e3a9d5";
    private const string Token = "7c3e9a1f5b2d8e4a6c0f9b3d7e1a5c2f";

    private readonly CredentialsValidator credentials = new(TestLocalizer.Strings);
    private readonly NumberInputValidator numbers = new(TestLocalizer.Strings);
    private readonly NewAccountValidator newAccount = new(TestLocalizer.Strings);

    [Fact]
    public void Well_formed_credentials_pass_even_with_surrounding_spaces()
    {
        Assert.True(credentials.Validate(new CredentialsInput { AccountSid = Sid, AuthToken = Token }).IsValid);
        Assert.True(credentials.Validate(new CredentialsInput { AccountSid = $"  {Sid} ", AuthToken = $"{Token}\t" }).IsValid);
    }

    [Fact]
    public void Missing_credentials_ask_for_them_from_the_Twilio_Console()
    {
        var result = credentials.Validate(new CredentialsInput());

        Assert.Contains("Enter the Account SID from the Twilio Console.", result.MessagesFor(nameof(CredentialsInput.AccountSid)));
        Assert.Contains("Enter the Auth Token from the Twilio Console.", result.MessagesFor(nameof(CredentialsInput.AuthToken)));
    }

    [Fact]
    public void An_empty_field_gets_one_message_not_the_format_rule_too()
    {
        var result = credentials.Validate(new CredentialsInput());

        Assert.Single(result.MessagesFor(nameof(CredentialsInput.AccountSid)));
        Assert.Single(result.MessagesFor(nameof(CredentialsInput.AuthToken)));
    }

    [Theory]
    [InlineData("AC123")]
    [InlineData("SK0e5a7d1c9b3f48e6a2d4c8b1f7e3a9d5")]
    public void Wrong_shaped_Account_SID_explains_the_shape(string sid)
    {
        var result = credentials.Validate(new CredentialsInput { AccountSid = sid, AuthToken = Token });

        Assert.Equal(["An Account SID is AC followed by 32 hexadecimal characters."], result.MessagesFor(nameof(CredentialsInput.AccountSid)));
        Assert.Empty(result.MessagesFor(nameof(CredentialsInput.AuthToken)));
    }

    [Fact]
    public void Wrong_shaped_Auth_Token_explains_the_shape()
    {
        var result = credentials.Validate(new CredentialsInput { AccountSid = Sid, AuthToken = "secret" });

        Assert.Equal(["An Auth Token is 32 hexadecimal characters."], result.MessagesFor(nameof(CredentialsInput.AuthToken)));
    }

    [Fact]
    public void Number_needs_a_name_and_an_E164_number()
    {
        var result = numbers.Validate(new NumberInput());

        Assert.Contains("Enter a name for the number.", result.MessagesFor(nameof(NumberInput.DisplayName)));
        Assert.Contains("Enter the WhatsApp number.", result.MessagesFor(nameof(NumberInput.Number)));
    }

    [Theory]
    [InlineData("14155238886")]
    [InlineData("+1 415 523 8886")]
    [InlineData("+04155238886")]
    public void Number_not_in_E164_form_shows_an_example(string number)
    {
        var result = numbers.Validate(new NumberInput { DisplayName = "Support", Number = number });

        Assert.Equal(["Enter the number in E.164 form with a leading +, for example +14155238886."], result.MessagesFor(nameof(NumberInput.Number)));
    }

    [Fact]
    public void Number_name_is_at_most_100_characters()
    {
        Assert.True(numbers.Validate(new NumberInput { DisplayName = new string('n', 100), Number = "+14155238886" }).IsValid);

        var result = numbers.Validate(new NumberInput { DisplayName = new string('n', 101), Number = "+14155238886" });
        Assert.Equal(["Use at most 100 characters."], result.MessagesFor(nameof(NumberInput.DisplayName)));
    }

    [Fact]
    public void New_account_needs_at_least_one_number_and_no_number_twice()
    {
        var input = new NewAccountInput
        {
            Channel = new ChannelDetailsInput { Name = "Support" },
            Credentials = new CredentialsInput { AccountSid = Sid, AuthToken = Token },
        };
        Assert.Contains("Add at least one WhatsApp number.", newAccount.Validate(input).MessagesFor(nameof(NewAccountInput.Numbers)));

        input.Numbers = [new NumberInput { DisplayName = "A", Number = "+14155238886" }, new NumberInput { DisplayName = "B", Number = "+14155238886" }];
        Assert.Contains("Each WhatsApp number can be added only once.", newAccount.Validate(input).MessagesFor(nameof(NewAccountInput.Numbers)));

        input.Numbers[1].Number = "+447700900123";
        Assert.True(newAccount.Validate(input).IsValid);
    }

    [Fact]
    public void New_account_reports_nested_problems_with_their_path()
    {
        var input = new NewAccountInput
        {
            Channel = new ChannelDetailsInput { Name = "" },
            Credentials = new CredentialsInput { AccountSid = Sid, AuthToken = "short" },
            Numbers = [new NumberInput { DisplayName = "A", Number = "bad" }],
        };

        var result = newAccount.Validate(input);

        Assert.Equal(["Enter a name for the account."], result.MessagesFor("Channel.Name"));
        Assert.Equal(["An Auth Token is 32 hexadecimal characters."], result.MessagesFor("Credentials.AuthToken"));
        Assert.Equal(["Enter the number in E.164 form with a leading +, for example +14155238886."], result.MessagesFor("Numbers[0].Number"));
    }
}
