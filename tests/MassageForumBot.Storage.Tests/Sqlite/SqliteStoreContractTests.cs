using MassageForumBot.Storage.Tests.Contract;

namespace MassageForumBot.Storage.Tests.Sqlite;

/// <summary>The store contract on a real SQLite file.</summary>
public sealed class SqliteStoreContractTests : BotStoreContractTests
{
    protected override async Task<IStoreHarness> CreateHarnessAsync()
    {
        var db = new TempDatabase();
        await db.InitializeStoreAsync();
        return db;
    }
}
