using System.Data.Common;
using System.Globalization;
using MassageForumBot.Storage.Sql;
using Npgsql;

namespace MassageForumBot.Storage.Postgres;

/// <summary>
/// The shared store for shard processes: one PostgreSQL database (or one schema of it, chosen by the connection
/// string's Search Path). The queries are <see cref="SqlBotStore"/>'s; each takes a pooled connection from one data
/// source, and every cross-process race (a reply claim, an Identify slot) is settled by one statement.
/// </summary>
public sealed partial class PostgresBotStore : SqlBotStore, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresBotStore(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    /// <summary>True when the server ranks thread vectors itself (pgvector was found at initialisation).</summary>
    public bool UsesPgvector { get; private set; }

    /// <summary>
    /// Creates or upgrades the schema. Several processes may start at the same moment: each takes a transaction-level
    /// advisory lock (per schema) first and reads the version inside that transaction, so exactly one applies each
    /// migration and the others see it done.
    /// </summary>
    public override async Task InitializeAsync(CancellationToken cancel = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancel);
        await using var tx = await connection.BeginTransactionAsync(cancel);
        await ExecuteAsync(connection, tx, "SELECT pg_advisory_xact_lock(hashtext('massageforumbot-schema:' || current_schema()))", cancel);
        await ExecuteAsync(connection, tx, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", cancel);
        var version = Convert.ToInt32(await ScalarAsync(connection, tx, "SELECT COALESCE(MAX(version), 0) FROM schema_version", cancel), CultureInfo.InvariantCulture);
        for (var v = version; v < PostgresSchema.Migrations.Count; v++)
            await ExecuteAsync(connection, tx, PostgresSchema.Migrations[v], cancel);
        if (version < PostgresSchema.Migrations.Count)
        {
            await ExecuteAsync(connection, tx, "DELETE FROM schema_version", cancel);
            await ExecuteAsync(connection, tx, $"INSERT INTO schema_version (version) VALUES ({PostgresSchema.Migrations.Count})", cancel);
        }
        UsesPgvector = await TryAddVectorColumnAsync(connection, tx, cancel);
        await tx.CommitAsync(cancel);
    }

    /// <summary>pgvector is optional: a server without it (or a role that may not create it) keeps the bounded candidate query.</summary>
    private static async Task<bool> TryAddVectorColumnAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken cancel)
    {
        var available = await ScalarAsync(connection, tx, "SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector')", cancel);
        if (available is not true) return false;
        await tx.SaveAsync("vector", cancel);
        try
        {
            await ExecuteAsync(connection, tx, PostgresSchema.VectorColumn, cancel);
            await tx.ReleaseAsync("vector", cancel);
            return true;
        }
        catch (PostgresException)
        {
            await tx.RollbackAsync("vector", cancel);
            return false;
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancel) => await _dataSource.OpenConnectionAsync(cancel);

    /// <summary>A value's type travels with it; a null goes untyped, so the queries cast nullable parameters
    /// (CAST(@w AS BIGINT)) wherever the server cannot infer their type from a column.</summary>
    protected override DbParameter CreateParameter(string name, object value) => value switch
    {
        long l => new NpgsqlParameter<long>(name, l),
        string s => new NpgsqlParameter<string>(name, s),
        _ => new NpgsqlParameter(name, value),
    };

    protected override string Greatest(string left, string right) => $"GREATEST({left}, {right})";
}
