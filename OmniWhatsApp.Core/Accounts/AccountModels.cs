using OmniWhatsApp.Core.Twilio;

namespace OmniWhatsApp.Core.Accounts;

/// <summary>Wizard step 1: what the channel is called and which channel it is.</summary>
public sealed class ChannelDetailsInput
{
    public string Name { get; set; } = "";
    public string Channel { get; set; } = Channels.WhatsApp;
}

/// <summary>Wizard step 2: the Twilio account's credentials.</summary>
public sealed class CredentialsInput
{
    public string AccountSid { get; set; } = "";
    public string AuthToken { get; set; } = "";

    public TwilioCredentials ToCredentials() => new(AccountSid.Trim(), AuthToken.Trim());
}

/// <summary>Wizard step 3: one WhatsApp number.</summary>
public sealed class NumberInput
{
    public string DisplayName { get; set; } = "";
    public string Number { get; set; } = "";
}

/// <summary>Everything the account wizard collects; saved at once when the admin presses Done.</summary>
public sealed class NewAccountInput
{
    /// <summary>Chosen up front so the callback step can show the final URLs before anything is saved.</summary>
    public Guid Id { get; set; } = Guid.NewGuid();
    public ChannelDetailsInput Channel { get; set; } = new();
    public CredentialsInput Credentials { get; set; } = new();
    public List<NumberInput> Numbers { get; set; } = [];
}

public sealed record AccountSummary(
    Guid Id,
    string Name,
    string Channel,
    string AccountSid,
    string MaskedToken,
    IReadOnlyList<NumberSummary> Numbers,
    int OpenConversations,
    DateTimeOffset CreatedAt);

public sealed record NumberSummary(int Id, string DisplayName, string Number, string? WorkstreamName);

/// <summary>An account that is already connected, named so the admin knows which one is meant.</summary>
public sealed record ConnectedAccount(Guid Id, string Name);
