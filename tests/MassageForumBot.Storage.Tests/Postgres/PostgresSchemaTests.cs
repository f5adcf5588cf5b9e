using MassageForumBot.Storage.Postgres;

namespace MassageForumBot.Storage.Tests.Postgres;

/// <summary>Migrations when several shard processes start at the same moment, and upgrades of an older schema.</summary>
public sealed class PostgresSchemaTests : IAsyncLifetime
{
    private PostgresDatabase? _db;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_db is not null) await _db.DisposeAsync();
    }

    [SkippableFact]
    public async Task Eight_processes_initialising_at_once_apply_each_migration_once()
    {
        _db = await PostgresDatabase.CreateAsync(initializeStore: false);
        var stores = Enumerable.Range(0, 8).Select(_ => _db.NewStore()).ToList();
        using var start = new ManualResetEventSlim();

        var inits = stores.Select(s => Task.Run(async () =>
        {
            start.Wait();
            await s.InitializeAsync();
        })).ToArray();
        start.Set();
        await Task.WhenAll(inits);

        Assert.Equal((long)PostgresSchema.Migrations.Count, Convert.ToInt64(await _db.ScalarAsync("SELECT version FROM schema_version")));
        Assert.Equal(1L, await _db.ScalarAsync("SELECT COUNT(*) FROM schema_version"));
        // Every store works on the one schema: a claim by one is seen by all.
        Assert.True((await stores[3].ClaimReplyAsync(1, 2, "n", DateTimeOffset.UnixEpoch)).IsNew);
        Assert.All(await Task.WhenAll(stores.Select(s => s.GetClaimAsync(1))), c => Assert.Equal("n", c!.Nonce));
    }

    [SkippableFact]
    public async Task The_version_is_read_inside_the_lock_so_a_finished_migration_is_not_applied_again()
    {
        _db = await PostgresDatabase.CreateAsync();
        await _db.Store.RecordDecisionAsync(new PostDecision(5, 10, 20, 30, "t", 0.5, "{}", PostOutcome.Replied, "r", DateTimeOffset.UnixEpoch));

        // A second start would fail on CREATE TABLE if it re-ran migration 1; it must keep the data instead.
        var again = await _db.OpenAsync();

        Assert.NotNull(await again.GetDecisionAsync(5));
        Assert.Equal(1L, await _db.ScalarAsync("SELECT COUNT(*) FROM schema_version"));
    }

    [SkippableFact]
    public async Task A_server_without_pgvector_falls_back_to_the_bounded_newest_candidates()
    {
        _db = await PostgresDatabase.CreateAsync();
        var store = (PostgresBotStore)_db.Store;
        var hasVector = (bool)(await _db.ScalarAsync("SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector')"))!;
        Assert.Equal(hasVector, store.UsesPgvector);
        Skip.If(hasVector, "this server has pgvector: the ranked path is covered by the contract tests instead");

        for (var i = 1; i <= 5; i++)
            await store.RememberAsync(new RememberedThread((ulong)i, 10, 20, null, "t", $"t{i}", DateTimeOffset.UnixEpoch.AddMinutes(i), [i, 0f]));

        var candidates = await store.SimilarCandidatesAsync(10, "t", [1f, 0f], 3);

        Assert.Equal([5UL, 4UL, 3UL], candidates.Select(c => c.MessageId));
    }
}
