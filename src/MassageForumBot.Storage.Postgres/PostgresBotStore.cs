using System.Globalization;
using System.Runtime.InteropServices;
using Npgsql;

namespace MassageForumBot.Storage.Postgres;

/// <summary>
/// The shared store for shard processes: one PostgreSQL database (or one schema of it, chosen by the connection
/// string's Search Path). Each call takes a pooled connection from one data source, so the store is safe to share
/// between threads, and every cross-process race (a reply claim, an Identify slot) is settled by one statement.
/// </summary>
public sealed partial class PostgresBotStore : IBotStore, IAsyncDisposable
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
    public async Task InitializeAsync(CancellationToken cancel = default)
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

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, CancellationToken cancel)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        await command.ExecuteNonQueryAsync(cancel);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, CancellationToken cancel)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        return await command.ExecuteScalarAsync(cancel);
    }

    /// <summary>Runs one statement with named parameters (@name) on a pooled connection.</summary>
    private async Task<int> ExecuteAsync(string sql, CancellationToken cancel, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteNonQueryAsync(cancel);
    }

    /// <summary>One statement of a <see cref="WriteAsync{T}"/> transaction; returns its row count.</summary>
    private delegate Task<int> Statement(string sql, params (string Name, object? Value)[] parameters);

    /// <summary>Runs statements in one transaction on one connection, so they land together.</summary>
    private async Task<T> WriteAsync<T>(Func<Statement, Task<T>> work, CancellationToken cancel)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancel);
        await using var tx = await connection.BeginTransactionAsync(cancel);
        var result = await work(async (sql, parameters) =>
        {
            await using var command = new NpgsqlCommand(sql, connection, tx);
            foreach (var (name, value) in parameters)
                command.Parameters.Add(Parameter(name, value));
            return await command.ExecuteNonQueryAsync(cancel);
        });
        await tx.CommitAsync(cancel);
        return result;
    }

    private async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> map, CancellationToken cancel, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancel);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancel)) rows.Add(map(reader));
        return rows;
    }

    private NpgsqlCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        var command = _dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
            command.Parameters.Add(Parameter(name, value));
        return command;
    }

    /// <summary>Typed parameters, so a null still has a type the server can infer from (a bare DBNull cannot be).</summary>
    private static NpgsqlParameter Parameter(string name, object? value) => value switch
    {
        ulong u => new NpgsqlParameter<long>(name, (long)u),
        DateTimeOffset d => new NpgsqlParameter<long>(name, d.ToUnixTimeMilliseconds()),
        Enum e => new NpgsqlParameter<string>(name, e.ToString()),
        _ => new NpgsqlParameter(name, value ?? DBNull.Value),
    };

    private static ulong Id(NpgsqlDataReader reader, int ordinal) => (ulong)reader.GetInt64(ordinal);

    private static ulong? NullableId(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : (ulong)reader.GetInt64(ordinal);

    private static DateTimeOffset Time(NpgsqlDataReader reader, int ordinal) => DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    private static byte[] ToBlob(float[] vector) => MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();

    private static float[] FromBlob(byte[] blob) => MemoryMarshal.Cast<byte, float>(blob).ToArray();
}
