using MassageForumBot.Storage.Postgres;
using MassageForumBot.Storage.Tests.Contract;
using Npgsql;

namespace MassageForumBot.Storage.Tests.Postgres;

/// <summary>
/// A schema of its own on the throwaway server that .ci/postgres.sh starts (connection string in MFB_TEST_POSTGRES),
/// so parallel tests never see each other's rows; dropped on dispose. Without the variable the test is skipped, and
/// reported as skipped.
/// </summary>
public sealed class PostgresDatabase : IStoreHarness
{
    public const string Variable = "MFB_TEST_POSTGRES";

    private readonly string _adminConnectionString;
    private readonly List<PostgresBotStore> _stores = [];

    private PostgresDatabase(string adminConnectionString, string schema)
    {
        _adminConnectionString = adminConnectionString;
        Schema = schema;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { SearchPath = schema, MaxPoolSize = 30 }.ToString();
    }

    public string Schema { get; }

    /// <summary>The connection string a store (or a bot process) uses: the test server, this schema only.</summary>
    public string ConnectionString { get; }

    public IBotStore Store { get; private set; } = null!;

    /// <summary>Creates an empty schema; skips the calling test when no server was started.</summary>
    public static async Task<PostgresDatabase> CreateAsync(bool initializeStore = true)
    {
        var admin = Environment.GetEnvironmentVariable(Variable);
        Skip.If(string.IsNullOrWhiteSpace(admin), $"{Variable} is not set: no PostgreSQL server could be started (.ci/postgres.sh starts one)");
        var db = new PostgresDatabase(admin!, $"t_{Guid.NewGuid():N}");
        await db.AdminAsync($"CREATE SCHEMA {db.Schema}");
        if (initializeStore) db.Store = await db.OpenAsync();
        return db;
    }

    /// <summary>A new store instance on this schema, initialised.</summary>
    public async Task<PostgresBotStore> OpenAsync()
    {
        var store = NewStore();
        await store.InitializeAsync();
        return store;
    }

    /// <summary>A new store instance on this schema, not yet initialised.</summary>
    public PostgresBotStore NewStore()
    {
        var store = new PostgresBotStore(ConnectionString);
        lock (_stores) _stores.Add(store);
        return store;
    }

    async Task<IBotStore> IStoreHarness.ReopenAsync() => await OpenAsync();

    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores) await store.DisposeAsync();
        await AdminAsync($"DROP SCHEMA IF EXISTS {Schema} CASCADE");
    }

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
