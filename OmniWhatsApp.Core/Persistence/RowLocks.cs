using Microsoft.EntityFrameworkCore;

namespace OmniWhatsApp.Core.Persistence;

/// <summary>
/// Serialises admin changes that check something and then write (decision 0012). Each call must run inside a
/// transaction and holds its lock until that transaction ends. On PostgreSQL it is a row lock (or, for what has no row
/// of its own, a transaction-scoped advisory lock); on SQLite nothing needs doing, because a transaction there takes the
/// database's single write lock when it begins.
/// </summary>
internal static class RowLocks
{
    /// <summary>Keys of the advisory locks: one number per kind of change that has no row to lock.</summary>
    public enum Advisory : long
    {
        /// <summary>Queue memberships, changed from the queue (its member list) and from the user (their queues).</summary>
        QueueMembership = 0x0E_0001,

        /// <summary>Who is an admin who can sign in: role changes and lock-outs, each checking that one admin remains.</summary>
        Admins = 0x0E_0002,
    }

    /// <summary>
    /// Locks the row of <paramref name="table"/> whose "Id" is <paramref name="id"/> for update: other lockers, and
    /// inbound batches that take it for share, wait until this transaction ends.
    /// </summary>
    public static Task LockForUpdateAsync(this OmniDbContext db, string table, object id, CancellationToken ct) =>
        LockAsync(db, table, id, "UPDATE", ct);

    /// <summary>Locks the row for share: it cannot be changed (or locked for update) until this transaction ends.</summary>
    public static Task LockForShareAsync(this OmniDbContext db, string table, object id, CancellationToken ct) =>
        LockAsync(db, table, id, "SHARE", ct);

    /// <summary>Takes the advisory lock <paramref name="key"/> until this transaction ends.</summary>
    public static async Task LockAsync(this OmniDbContext db, Advisory key, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return;
        RequireTransaction(db);
        await using var sql = await Sql.OnAsync(db, ct);
        await sql.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key = (long)key }, ct);
    }

    private static async Task LockAsync(OmniDbContext db, string table, object id, string mode, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return;
        RequireTransaction(db);
        // The table name is one of the model's own, never input; the id is a parameter.
        await using var sql = await Sql.OnAsync(db, ct);
        await sql.ExecuteAsync($$"""SELECT 1 FROM "{{table}}" WHERE "Id" = @id FOR {{mode}}""", new { id }, ct);
    }

    private static void RequireTransaction(OmniDbContext db)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("A row lock lasts until its transaction ends; begin one first.");
    }
}
