using Microsoft.EntityFrameworkCore;

namespace OmniWhatsApp.Tests.Infrastructure;

/// <summary>
/// How many customers, conversations, messages and attachments the app's database holds: taken before and after a
/// refused webhook, the two must be equal (a refusal stores nothing, not even a customer).
/// </summary>
public sealed record StoredRows(int Customers, int Conversations, int Messages, int Media)
{
    public static async Task<StoredRows> CountAsync(AppHost app)
    {
        await using var db = await app.CreateDbContextAsync();
        return new StoredRows(
            await db.Customers.CountAsync(),
            await db.Conversations.CountAsync(),
            await db.Messages.CountAsync(),
            await db.Media.CountAsync());
    }

    /// <summary>Asserts that the database holds exactly what it held when this count was taken.</summary>
    public async Task AssertUnchangedAsync(AppHost app) => Assert.Equal(this, await CountAsync(app));
}
