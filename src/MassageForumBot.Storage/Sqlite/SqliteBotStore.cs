using System.Data.Common;
using Microsoft.Data.Sqlite;
using MassageForumBot.Storage.Sql;

namespace MassageForumBot.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode (readers never wait for the writer). The queries are
/// <see cref="SqlBotStore"/>'s; this class owns the schema, the connection set-up and SQLite's dialect bits.
/// </summary>
public sealed class SqliteBotStore(string connectionString) : SqlBotStore
{
    public override async Task InitializeAsync(CancellationToken cancel = default)
    {
        await using var connection = await OpenAsync(cancel);
        await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", cancel);
        var version = Convert.ToInt32(await ScalarAsync(connection, null, "PRAGMA user_version;", cancel));
        for (var v = version; v < SqliteSchema.Migrations.Count; v++)
        {
            await using var tx = await connection.BeginTransactionAsync(cancel);
            await ExecuteAsync(connection, tx, SqliteSchema.Migrations[v] + $"\nPRAGMA user_version = {v + 1};", cancel);
            await tx.CommitAsync(cancel);
        }
    }

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancel)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancel);
        await ExecuteAsync(connection, null, "PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;", cancel);
        return connection;
    }

    /// <summary>Microsoft.Data.Sqlite binds a bool as 0 or 1, which is how SQLite stores by_moderator.</summary>
    protected override DbParameter CreateParameter(string name, object value) => new SqliteParameter(name, value);

    /// <summary>BEGIN IMMEDIATE: the write lock is taken first, so the statements see one state and land together
    /// (a deferred transaction could fail to upgrade its read lock under a concurrent writer).</summary>
    protected override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancel) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    /// <summary>SQLite's MAX with two arguments is the scalar larger-of.</summary>
    protected override string Greatest(string left, string right) => $"MAX({left}, {right})";
}
