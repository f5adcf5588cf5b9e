using MassageForumBot.Storage.Tests.Contract;

namespace MassageForumBot.Storage.Tests.Postgres;

/// <summary>The store contract on a real PostgreSQL server (skipped, and reported skipped, when none could be started).</summary>
public sealed class PostgresStoreContractTests : BotStoreContractTests
{
    protected override async Task<IStoreHarness> CreateHarnessAsync() => await PostgresDatabase.CreateAsync();
}
