using MassageForumBot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace MassageForumBot.Tests.Support;

/// <summary>A real, initialised SQLite store in a temp folder of its own, deleted on dispose.</summary>
public sealed class TempStore : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mfb-store-" + Guid.NewGuid().ToString("N"));

    private TempStore(SqliteBotStore store) => Store = store;

    public SqliteBotStore Store { get; private set; }

    /// <summary>The file's connection string, for a second store instance (another "process") on the same file.</summary>
    public string ConnectionString => $"Data Source={Path.Combine(_folder, "bot.db")}";

    public static async Task<TempStore> CreateAsync()
    {
        var temp = new TempStore(null!);
        Directory.CreateDirectory(temp._folder);
        temp.Store = new SqliteBotStore(temp.ConnectionString);
        await temp.Store.InitializeAsync();
        return temp;
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
