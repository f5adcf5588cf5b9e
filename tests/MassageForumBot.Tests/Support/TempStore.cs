using MassageForumBot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace MassageForumBot.Tests.Support;

/// <summary>A real, initialised SQLite store in a temp folder of its own, deleted on dispose.</summary>
public sealed class TempStore : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mfb-store-" + Guid.NewGuid().ToString("N"));

    private TempStore(SqliteBotStore store) => Store = store;

    public SqliteBotStore Store { get; private set; }

    public static async Task<TempStore> CreateAsync()
    {
        var temp = new TempStore(null!);
        Directory.CreateDirectory(temp._folder);
        temp.Store = new SqliteBotStore($"Data Source={Path.Combine(temp._folder, "bot.db")}");
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
