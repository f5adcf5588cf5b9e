using System.Data.Common;
using System.Runtime.InteropServices;

namespace MassageForumBot.Storage.Sql;

/// <summary>
/// The store's queries, written once in the SQL that SQLite and PostgreSQL both accept (upserts as ON CONFLICT, nullable
/// parameters cast to their type, booleans used bare). A provider supplies only what differs: how a connection is
/// opened, how a parameter is made, how a write transaction begins and the few dialect bits below. Snowflakes are
/// stored as 64-bit integers (they fit in 63 bits), instants as Unix milliseconds. Each call takes its own pooled
/// connection, so a store is safe to share between threads.
/// </summary>
public abstract partial class SqlBotStore : IBotStore
{
    public abstract Task InitializeAsync(CancellationToken cancel = default);

    /// <summary>An open connection, set up for the store's statements.</summary>
    protected abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancel);

    /// <summary>A parameter of the provider; <paramref name="value"/> is already a plain column value (DBNull for null).</summary>
    protected abstract DbParameter CreateParameter(string name, object value);

    /// <summary>Begins the transaction of <see cref="WriteAsync{T}"/>.</summary>
    protected virtual async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancel) =>
        await connection.BeginTransactionAsync(cancel);

    /// <summary>SQL for the larger of two values (the engines name this function differently).</summary>
    protected abstract string Greatest(string left, string right);

    /// <summary>Runs one statement with named parameters (@name) on a pooled connection; returns its row count.</summary>
    protected async Task<int> ExecuteAsync(string sql, CancellationToken cancel, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancel);
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancel);
    }

    /// <summary>One statement of a <see cref="WriteAsync{T}"/> transaction; returns its row count.</summary>
    protected delegate Task<int> Statement(string sql, params (string Name, object? Value)[] parameters);

    /// <summary>Runs statements in one transaction on one connection, so they see one state and land together.</summary>
    protected async Task<T> WriteAsync<T>(Func<Statement, Task<T>> work, CancellationToken cancel)
    {
        await using var connection = await OpenAsync(cancel);
        await using var tx = await BeginWriteAsync(connection, cancel);
        var result = await work(async (sql, parameters) =>
        {
            await using var command = Command(connection, sql, parameters);
            command.Transaction = tx;
            return await command.ExecuteNonQueryAsync(cancel);
        });
        await tx.CommitAsync(cancel);
        return result;
    }

    protected async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, CancellationToken cancel, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancel);
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancel);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancel)) rows.Add(map(reader));
        return rows;
    }

    /// <summary>Runs one parameterless statement, for schema work and connection set-up.</summary>
    protected static async Task ExecuteAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken cancel)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancel);
    }

    protected static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken cancel)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancel);
    }

    private DbCommand Command(DbConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.Add(CreateParameter(name, value switch
            {
                null => DBNull.Value,
                ulong u => (long)u,
                DateTimeOffset d => d.ToUnixTimeMilliseconds(),
                Enum e => e.ToString(),
                _ => value,
            }));
        return command;
    }

    protected static ulong Id(DbDataReader reader, int ordinal) => (ulong)reader.GetInt64(ordinal);

    protected static ulong? NullableId(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : (ulong)reader.GetInt64(ordinal);

    protected static DateTimeOffset Time(DbDataReader reader, int ordinal) => DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    protected static byte[] ToBlob(float[] vector) => MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();

    protected static float[] FromBlob(byte[] blob) => MemoryMarshal.Cast<byte, float>(blob).ToArray();
}
