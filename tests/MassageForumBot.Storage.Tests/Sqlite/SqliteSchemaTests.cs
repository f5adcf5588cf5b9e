using MassageForumBot.Storage.Sqlite;

namespace MassageForumBot.Storage.Tests.Sqlite;

/// <summary>What only the SQLite file has: WAL mode and PRAGMA user_version migrations.</summary>
public sealed class SqliteSchemaTests : IAsyncLifetime
{
    private readonly TempDatabase _db = new();
    private SqliteBotStore _store = null!;

    public async Task InitializeAsync() => _store = await _db.OpenAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Initialize_sets_wal_and_the_latest_schema_version()
    {
        Assert.Equal("wal", await _db.ScalarAsync("PRAGMA journal_mode;"));
        Assert.Equal((long)SqliteSchema.Migrations.Count, await _db.ScalarAsync("PRAGMA user_version;"));
    }

    [Fact]
    public async Task Initialize_again_keeps_wal_and_the_version()
    {
        await _store.InitializeAsync();
        await _db.OpenAsync();

        Assert.Equal((long)SqliteSchema.Migrations.Count, await _db.ScalarAsync("PRAGMA user_version;"));
        Assert.Equal("wal", await _db.ScalarAsync("PRAGMA journal_mode;"));
    }

    [Fact]
    public async Task Initialize_upgrades_a_file_left_at_an_older_version()
    {
        await _store.RecordDecisionAsync(new PostDecision(5, 10, 20, 30, "t", 0.5, "{}", PostOutcome.Replied, "r", DateTimeOffset.UnixEpoch));
        await _db.ScalarAsync("DROP INDEX decisions_author; DROP INDEX decisions_channel; DROP INDEX decisions_watched; DROP INDEX threads_author; " +
                              "ALTER TABLE decisions DROP COLUMN watched_channel_id; ALTER TABLE threads DROP COLUMN watched_channel_id; " +
                              "ALTER TABLE threads DROP COLUMN author_id; DROP TABLE forgotten; DROP TABLE daily_counts; " +
                              "DROP INDEX decisions_at; ALTER TABLE decisions DROP COLUMN excerpt; " +
                              "DROP TABLE identify_slots; DROP TABLE opt_outs; DROP TABLE feedback; DROP TABLE guild_settings; PRAGMA user_version = 1;");

        await _store.InitializeAsync();

        Assert.Equal((long)SqliteSchema.Migrations.Count, await _db.ScalarAsync("PRAGMA user_version;"));
        Assert.Equal(0L, await _db.ScalarAsync("SELECT COUNT(*) FROM opt_outs;"));
        Assert.Equal(0L, await _db.ScalarAsync("SELECT COUNT(*) FROM identify_slots;"));
        Assert.NotNull(await _store.GetDecisionAsync(5));
    }
}
