using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace MassageForumBot.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode (readers never wait for the writer). Each call opens a pooled
/// connection, so the store is safe to share between threads. Snowflakes are stored as INTEGER (they fit in 63 bits).
/// </summary>
public sealed partial class SqliteBotStore(string connectionString) : IBotStore
{
    public async Task InitializeAsync(CancellationToken cancel = default)
    {
        await using var connection = await OpenAsync(cancel);
        await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", cancel);
        var version = Convert.ToInt32(await ScalarAsync(connection, "PRAGMA user_version;", cancel));
        for (var v = version; v < SqliteSchema.Migrations.Count; v++)
        {
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancel);
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = tx;
                command.CommandText = SqliteSchema.Migrations[v] + $"\nPRAGMA user_version = {v + 1};";
                await command.ExecuteNonQueryAsync(cancel);
            }
            await tx.CommitAsync(cancel);
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancel)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancel);
        await ExecuteAsync(connection, "PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;", cancel);
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancel)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancel);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancel)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancel);
    }

    /// <summary>Runs one statement with named parameters (@name) on a fresh pooled connection.</summary>
    private async Task<int> ExecuteAsync(string sql, CancellationToken cancel, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancel);
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancel);
    }

    /// <summary>One statement of a <see cref="WriteAsync{T}"/> transaction; returns its row count.</summary>
    private delegate Task<int> Statement(string sql, params (string Name, object? Value)[] parameters);

    /// <summary>Runs statements in one write transaction (BEGIN IMMEDIATE: the write lock is taken first, so the
    /// statements see one state and land together).</summary>
    private async Task<T> WriteAsync<T>(Func<Statement, Task<T>> work, CancellationToken cancel)
    {
        await using var connection = await OpenAsync(cancel);
        await using var tx = connection.BeginTransaction(deferred: false);
        var result = await work(async (sql, parameters) =>
        {
            await using var command = Command(connection, sql, parameters);
            command.Transaction = tx;
            return await command.ExecuteNonQueryAsync(cancel);
        });
        await tx.CommitAsync(cancel);
        return result;
    }

    private async Task<List<T>> QueryAsync<T>(string sql, Func<SqliteDataReader, T> map, CancellationToken cancel, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancel);
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancel);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancel)) rows.Add(map(reader));
        return rows;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value switch
            {
                null => DBNull.Value,
                ulong u => (long)u,
                DateTimeOffset d => d.ToUnixTimeMilliseconds(),
                Enum e => e.ToString(),
                _ => value,
            });
        return command;
    }

    private static ulong Id(SqliteDataReader reader, int ordinal) => (ulong)reader.GetInt64(ordinal);

    private static ulong? NullableId(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : (ulong)reader.GetInt64(ordinal);

    private static DateTimeOffset Time(SqliteDataReader reader, int ordinal) => DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    private static byte[] ToBlob(float[] vector) => MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();

    private static float[] FromBlob(byte[] blob) => MemoryMarshal.Cast<byte, float>(blob).ToArray();
}
