using MassageForumBot.Storage.Sqlite;
using MassageForumBot.Storage.Tests.Contract;
using Microsoft.Data.Sqlite;

namespace MassageForumBot.Storage.Tests.Sqlite;

/// <summary>A real SQLite file in the temp folder, deleted (with its WAL and shared-memory files) on dispose.</summary>
public sealed class TempDatabase : IStoreHarness
{
    public TempDatabase()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mfb-store-{Guid.NewGuid():N}.db");
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path }.ToString();
    }

    public string Path { get; }

    public string ConnectionString { get; }

    public IBotStore Store { get; private set; } = null!;

    /// <summary>Makes <see cref="Store"/>: the first store instance on the file, initialised.</summary>
    public async Task InitializeStoreAsync() => Store = await OpenAsync();

    async Task<IBotStore> IStoreHarness.ReopenAsync() => await OpenAsync();

    /// <summary>A new store instance on this file (as a restarted process would make), initialised.</summary>
    public async Task<SqliteBotStore> OpenAsync()
    {
        var store = new SqliteBotStore(ConnectionString);
        await store.InitializeAsync();
        return store;
    }

    /// <summary>Runs a scalar query on a connection of its own, to look at the file from outside the store.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public ValueTask DisposeAsync()
    {
        using (var connection = new SqliteConnection(ConnectionString)) SqliteConnection.ClearPool(connection);
        foreach (var file in new[] { Path, Path + "-wal", Path + "-shm", Path + "-journal" })
            if (File.Exists(file)) File.Delete(file);
        return ValueTask.CompletedTask;
    }
}
