using Npgsql;
using OmniWhatsApp.Core.Persistence;

namespace OmniWhatsApp.Tests.Core.Persistence;

/// <summary>How the app connects to PostgreSQL: its repeated statements are prepared unless the admin says otherwise.</summary>
public sealed class PostgreSqlConnectionTests
{
    [Fact]
    public void Repeated_statements_are_prepared_automatically_by_default()
    {
        var used = new NpgsqlConnectionStringBuilder(DatabaseSetup.PostgreSqlConnectionString("Host=db.internal;Username=omni;Database=omni"));

        Assert.Equal(64, used.MaxAutoPrepare);
        Assert.Equal(2, used.AutoPrepareMinUsages);
        Assert.Equal("db.internal", used.Host);
        Assert.Equal("omni", used.Database);
    }

    [Fact]
    public void An_explicit_choice_in_the_connection_string_is_kept()
    {
        var used = new NpgsqlConnectionStringBuilder(DatabaseSetup.PostgreSqlConnectionString("Host=db.internal;Database=omni;Max Auto Prepare=0"));

        Assert.Equal(0, used.MaxAutoPrepare);
    }
}
