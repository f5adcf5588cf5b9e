using System.Diagnostics;
using MassageForumBot.Storage;
using MassageForumBot.Tests.EndToEnd;

namespace MassageForumBot.Benchmarks;

/// <summary>
/// The whole worker against the loopback fake Discord server: dispatch-to-reply latency, how fast it absorbs a
/// flood of non-matching posts while heartbeats keep time, and memory over 10,000 dispatches.
/// </summary>
internal static class WorkerBenchmark
{
    private const string Question = "A new client told me nobody had ever massaged her glutes before. Doesn't everyone include the glutes?";

    public static async Task RunAsync(int floodSize)
    {
        await using var bot = await BotHarness.StartAsync();
        await bot.StartBotAsync("--Bot:Concurrency=2", "--Logging:LogLevel:Default=Warning");
        var gateway = await bot.ConnectAsync();

        // Latency: MESSAGE_CREATE sent -> reply POST received, one at a time, classifier included.
        var latencies = new List<double>();
        for (var i = 0; i < 220; i++)
        {
            var id = bot.NewId();
            var start = Stopwatch.GetTimestamp();
            await gateway.SendDispatchAsync("MESSAGE_CREATE", BotHarness.Message(id, BotHarness.WatchedChannel, $"{Question} ({i})"));
            await bot.Server.WaitForRequestAsync(r => r.Method == "POST" && r.RawBody.Contains($"\"message_id\":\"{id}\"", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
            if (i >= 20) latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds); // first 20 warm up
        }
        Console.WriteLine($"dispatch -> reply POST (200 posts, classifier included): p50 {Percentiles.Of(latencies, 50):F1} ms, p99 {Percentiles.Of(latencies, 99):F1} ms");

        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.WorkingSet64;

        // Flood: non-matching posts (they are classified, then not answered), sent as fast as the socket takes them.
        var store = bot.Service<IBotStore>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < floodSize; i++)
            await gateway.SendDispatchAsync("MESSAGE_CREATE", BotHarness.Message(bot.NewId(), BotHarness.WatchedChannel, $"what do you all charge for a 90 minute session? asking for my price list #{i}"));
        var sendSeconds = clock.Elapsed.TotalSeconds;
        var handled = 0;
        while (clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            handled = (await store.RecentDecisionsAsync(BotHarness.GuildId, floodSize + 1000)).Count - 200;
            if (handled >= floodSize) break;
            await Task.Delay(200);
        }
        var totalSeconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"flood of {floodSize} non-matching MESSAGE_CREATE: received at {floodSize / sendSeconds:F0} dispatches/s; handled (classified + stored) {handled} at {handled / totalSeconds:F0} posts/s");

        var heartbeats = gateway.Received.Count(p => p.GetProperty("op").GetInt32() == 1);
        Console.WriteLine($"heartbeats sent during the run: {heartbeats} (interval 41.25 s); dispatches dropped by the bounded queue: {bot.Service<Discord.Gateway.DiscordGatewayClient>().DroppedDispatchCount}");

        GC.Collect();
        GC.WaitForPendingFinalizers();
        process.Refresh();
        Console.WriteLine($"working set before the flood {Percentiles.MegaBytes(before):F0} MB, after {floodSize} dispatches {Percentiles.MegaBytes(process.WorkingSet64):F0} MB (peak {Percentiles.MegaBytes(process.PeakWorkingSet64):F0} MB)");
    }
}
