using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Bots;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Distribution;
using OmniWhatsApp.Core.Inbound;
using OmniWhatsApp.Core.Inbox;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.QuickReplies;
using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Core.Scaling;
using OmniWhatsApp.Core.Security;
using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Core.Workstreams;

namespace OmniWhatsApp.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the domain services, persistence, secret protection and the Twilio client. Relative paths in
    /// configuration are resolved against <paramref name="contentRoot"/>.
    /// </summary>
    public static IServiceCollection AddOmniCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddLocalization();
        services.AddSingleton(TimeProvider.System);

        services.AddOptions<AppOptions>().Bind(configuration.GetSection(AppOptions.Section))
            .Validate(o => string.IsNullOrEmpty(o.PublicBaseUrl) || Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out _),
                "App:PublicBaseUrl must be an absolute URL such as https://support.example.com")
            // Live Twilio cannot reach the app's own (loopback) address: signatures and status callbacks need the public one.
            .Validate<IOptions<TwilioOptions>>((o, twilio) => !twilio.Value.Live || !string.IsNullOrWhiteSpace(o.PublicBaseUrl),
                "App:PublicBaseUrl is required when Twilio:Live is true: set it to the address Twilio reaches this app at, such as https://support.example.com")
            .ValidateOnStart();
        services.AddOptions<TwilioOptions>().Bind(configuration.GetSection(TwilioOptions.Section))
            .Validate(o => Uri.TryCreate(o.ApiBaseUrl, UriKind.Absolute, out _), "Twilio:ApiBaseUrl must be an absolute URL")
            .Validate(o => Uri.TryCreate(o.ContentApiBaseUrl, UriKind.Absolute, out _), "Twilio:ContentApiBaseUrl must be an absolute URL")
            .Validate(o => o.Timeout > TimeSpan.Zero, "Twilio:Timeout must be positive")
            .Validate(o => o.WebhookSharedKeys.Values.All(secret => !string.IsNullOrEmpty(secret)), "Twilio:WebhookSharedKeys needs a secret for every key id")
            .ValidateOnStart();
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section))
            .Validate(o => o.Provider != DatabaseProvider.PostgreSql || !string.IsNullOrWhiteSpace(o.PostgreSqlConnectionString),
                "Database:PostgreSqlConnectionString is required when Database:Provider is PostgreSql")
            .ValidateOnStart();

        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddOmniDatabase(database, contentRoot);

        // Keys in the database on PostgreSQL (shared by every instance), in the keys folder on SQLite (DataProtectionKeyStore).
        var protection = services.AddDataProtection().SetApplicationName("OmniWhatsApp");
        if (database.Provider == DatabaseProvider.PostgreSql) protection.PersistKeysToDbContext<OmniDbContext>();
        else protection.PersistKeysToFileSystem(new DirectoryInfo(DataProtectionKeyStore.Folder(configuration, contentRoot)));
        if (KeyCertificate.Load(configuration, contentRoot) is { } certificate)
        {
            protection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
        var acrossInstances = services.AddOmniRedis(configuration);
        services.AddWorkOwnership(configuration, acrossInstances);
        services.AddSingleton<SecretProtector>();
        services.AddLiveEvents(acrossInstances);

        services.AddTwilio();

        // Hosted services start in this order and stop in reverse: the inbound store, media and window watch first,
        // the outbox (its store before its dispatcher), the automation worker and then the bot worker last.
        services.AddMessages();
        services.AddInbound(configuration, contentRoot);
        services.AddConversations(configuration);
        services.AddAccounts();
        services.AddWorkstreams();
        services.AddQueuesAndRouting();
        services.AddUsers(configuration);
        services.AddQuickReplies();
        services.AddInbox();
        services.AddOutbound(configuration);
        services.AddTemplates(configuration);
        services.AddDistribution(configuration);
        services.AddBots(configuration);
        return services;
    }
}
