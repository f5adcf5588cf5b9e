using System.Diagnostics;
using MassageForumBot.Tests.EndToEnd;
using Npgsql;

namespace MassageForumBot.Benchmarks;

/// <summary>
/// Dispatch to reply POST with each store, in the same run and the same way: the real worker against the loopback
/// fake Discord, first on a SQLite file, then on PostgreSQL (the server in MFB_TEST_POSTGRES, or a throwaway one that
/// .ci/postgres.sh starts with fsync on and this stops). Every reply writes a decision, a claim, its mark and the
/// thread memory.
/// </summary>
internal static class StoreBenchmark
{
    private const string Question = "A new client told me nobody had ever massaged her glutes before. Doesn't everyone include the glutes?";
    private const int Posts = 300;
    private const int WarmUp = 30;

    public static async Task RunAsync()
    {
        await using var server = await ThrowawayPostgres.StartAsync();
        if (server is null)
        {
            Console.WriteLine("stores: no PostgreSQL server (set MFB_TEST_POSTGRES or install postgresql): skipped");
            return;
        }

        var sqlite = await MeasureAsync([]);
        var schema = $"bench_{Guid.NewGuid():N}";
        await server.ExecuteAsync($"CREATE SCHEMA {schema}");
        List<double> postgres;
        try
        {
            var connection = new NpgsqlConnectionStringBuilder(server.ConnectionString) { SearchPath = schema }.ToString();
            postgres = await MeasureAsync(["--Storage:Provider=postgres", $"--Storage:ConnectionString={connection}"]);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await server.ExecuteAsync($"DROP SCHEMA {schema} CASCADE");
        }

        Console.WriteLine($"dispatch -> reply POST by store ({Posts - WarmUp} posts each, classifier included, one at a time):");
        Console.WriteLine($"  sqlite:   p50 {Percentiles.Of(sqlite, 50):F1} ms, p99 {Percentiles.Of(sqlite, 99):F1} ms");
        Console.WriteLine($"  postgres: p50 {Percentiles.Of(postgres, 50):F1} ms, p99 {Percentiles.Of(postgres, 99):F1} ms ({server.Version})");
        Console.WriteLine($"  postgres / sqlite: p50 x{Percentiles.Of(postgres, 50) / Percentiles.Of(sqlite, 50):F2}, p99 x{Percentiles.Of(postgres, 99) / Percentiles.Of(sqlite, 99):F2}");
    }

    private static async Task<List<double>> MeasureAsync(string[] storeArgs)
    {
        await using var bot = await BotHarness.StartAsync();
        await bot.StartBotAsync(["--Bot:Concurrency=2", "--Logging:LogLevel:Default=Warning", .. storeArgs]);
        var gateway = await bot.ConnectAsync();
        var latencies = new List<double>();
        for (var i = 0; i < Posts; i++)
        {
            var id = bot.NewId();
            var start = Stopwatch.GetTimestamp();
            await gateway.SendDispatchAsync("MESSAGE_CREATE", BotHarness.Message(id, BotHarness.WatchedChannel, $"{Question} ({i})"));
            await bot.Server.WaitForRequestAsync(r => r.Method == "POST" && r.RawBody.Contains($"\"message_id\":\"{id}\"", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
            if (i >= WarmUp) latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        await bot.StopBotAsync();
        return latencies;
    }

    /// <summary>The server in MFB_TEST_POSTGRES, or one started by .ci/postgres.sh for this run.</summary>
    private sealed class ThrowawayPostgres : IAsyncDisposable
    {
        private readonly string? _stopDirectory;

        private ThrowawayPostgres(string connectionString, string? stopDirectory)
        {
            ConnectionString = connectionString;
            _stopDirectory = stopDirectory;
        }

        public string ConnectionString { get; }

        public string Version { get; private set; } = "";

        public static async Task<ThrowawayPostgres?> StartAsync()
        {
            ThrowawayPostgres? server = null;
            if (Environment.GetEnvironmentVariable("MFB_TEST_POSTGRES") is { Length: > 0 } given)
                server = new ThrowawayPostgres(given, null);
            else if (FindScript() is { } script)
            {
                var (exit, output) = await RunAsync("bash", script);
                var export = output.Split('\n').FirstOrDefault(l => l.StartsWith("export MFB_TEST_POSTGRES=", StringComparison.Ordinal));
                var stop = output.Split('\n').FirstOrDefault(l => l.StartsWith("# stop: bash .ci/postgres.sh stop ", StringComparison.Ordinal));
                if (exit == 0 && export is not null)
                    server = new ThrowawayPostgres(export["export MFB_TEST_POSTGRES=".Length..].Trim('\''), stop?["# stop: bash .ci/postgres.sh stop ".Length..].Trim());
            }
            if (server is not null)
                server.Version = $"PostgreSQL {await server.ScalarAsync("SHOW server_version")}, fsync {await server.ScalarAsync("SHOW fsync")}, synchronous_commit {await server.ScalarAsync("SHOW synchronous_commit")}";
            return server;
        }

        public async Task ExecuteAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            if (_stopDirectory is not null && FindScript() is { } script) await RunAsync("bash", script, "stop", _stopDirectory);
        }

        private async Task<object?> ScalarAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            return await command.ExecuteScalarAsync();
        }

        private static string? FindScript()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var script = Path.Combine(dir.FullName, ".ci", "postgres.sh");
                if (File.Exists(script)) return script;
            }
            return null;
        }

        private static async Task<(int Exit, string Output)> RunAsync(string program, params string[] args)
        {
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
            // A server that commits durably (fsync on), like SQLite's default, so the comparison is fair.
            start.Environment["MFB_PG_DURABLE"] = "1";
            foreach (var a in args) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            await errors;
            return (process.ExitCode, await output);
        }
    }
}
