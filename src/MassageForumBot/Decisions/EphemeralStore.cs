using MassageForumBot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace MassageForumBot.Decisions;

/// <summary>
/// A real SQLite store that lives in memory only, for as long as this object: dry runs over posts that must not be
/// kept (a pasted Facebook post) and fast tests. One open connection keeps the shared in-memory database alive.
/// </summary>
public sealed class EphemeralStore : IAsyncDisposable
{
    private readonly SqliteConnection _keepAlive;

    private EphemeralStore(SqliteConnection keepAlive, SqliteBotStore store)
    {
        _keepAlive = keepAlive;
        Store = store;
    }

    public SqliteBotStore Store { get; }

    public static async Task<EphemeralStore> CreateAsync(CancellationToken cancel = default)
    {
        var connectionString = $"Data Source=mfb-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
        var keepAlive = new SqliteConnection(connectionString);
        await keepAlive.OpenAsync(cancel);
        var store = new SqliteBotStore(connectionString);
        await store.InitializeAsync(cancel);
        return new EphemeralStore(keepAlive, store);
    }

    public ValueTask DisposeAsync() => _keepAlive.DisposeAsync();
}
