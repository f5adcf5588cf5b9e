using MassageForumBot.Storage.Postgres;
using Npgsql;

namespace MassageForumBot.Tests.Support;

/// <summary>
/// An empty schema of its own on the throwaway PostgreSQL server that .ci/postgres.sh starts (MFB_TEST_POSTGRES),
/// dropped on dispose. Without the variable the calling test is skipped, and reported as skipped.
/// </summary>
public sealed class TempPostgresSchema : IAsyncDisposable
{
    public const string Variable = "MFB_TEST_POSTGRES";

    private readonly string _admin;
    private readonly List<PostgresBotStore> _stores = [];

    private TempPostgresSchema(string admin, string schema)
    {
        _admin = admin;
        Schema = schema;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { SearchPath = schema, MaxPoolSize = 20 }.ToString();
    }

    public string Schema { get; }

    /// <summary>What a bot process gets as Storage:ConnectionString: the test server, this schema only.</summary>
    public string ConnectionString { get; }

    public static async Task<TempPostgresSchema> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable(Variable);
        Skip.If(string.IsNullOrWhiteSpace(admin), $"{Variable} is not set: no PostgreSQL server could be started (.ci/postgres.sh starts one)");
        var temp = new TempPostgresSchema(admin!, $"t_{Guid.NewGuid():N}");
        await temp.AdminAsync($"CREATE SCHEMA {temp.Schema}");
        return temp;
    }

    /// <summary>A store on this schema, initialised, to look at what the processes wrote.</summary>
    public async Task<PostgresBotStore> OpenStoreAsync()
    {
        var store = new PostgresBotStore(ConnectionString);
        _stores.Add(store);
        await store.InitializeAsync();
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores) await store.DisposeAsync();
        await AdminAsync($"DROP SCHEMA IF EXISTS {Schema} CASCADE");
    }

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
