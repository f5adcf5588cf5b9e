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

    public static async Task RunAsync()
    {
        await using var bot = await BotHarness.StartAsync();
        await bot.StartBotAsync("--Bot:Concurrency=2", "--Logging:LogLevel:Default=Warning");
        const int heartbeatMs = 1000; // short, so the run shows whether heartbeats keep time under load
        var gateway = await bot.ConnectAsync(heartbeatMs);
        using var watching = new CancellationTokenSource();
        var heartbeatGaps = WatchHeartbeatsAsync(gateway, watching.Token);

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

        // Paced floods of non-matching posts (classified, then not answered). Heartbeats must keep their interval:
        // the server's ACK queues behind every dispatch not yet read, so a receive loop that falls behind shows up here.
        var store = bot.Service<IBotStore>();
        var clock = Stopwatch.StartNew();
        var sent = 0;
        foreach (var rate in new[] { 500, 1000, 2000 })
        {
            var phaseStart = Stopwatch.GetTimestamp();
            var count = rate * 3;
            for (var i = 0; i < count; i++)
            {
                var due = TimeSpan.FromSeconds((double)i / rate) - Stopwatch.GetElapsedTime(phaseStart);
                if (due > TimeSpan.FromMilliseconds(2)) await Task.Delay(due);
                await gateway.SendDispatchAsync("MESSAGE_CREATE", BotHarness.Message(bot.NewId(), BotHarness.WatchedChannel, $"what do you all charge for a 90 minute session? asking for my price list #{sent++}"));
            }
            var achieved = count / Stopwatch.GetElapsedTime(phaseStart).TotalSeconds;
            var zombie = gateway.ClientClosed.IsCompleted || bot.Server.HasPendingConnection;
            Console.WriteLine($"  {rate} dispatches/s for 3 s (achieved {achieved:F0}/s): {(zombie ? "heartbeat slipped, connection closed" : "connection healthy")}");
            if (zombie) break;
        }
        var sendSeconds = clock.Elapsed.TotalSeconds;
        var handled = 0;
        while (clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            handled = (await store.RecentDecisionsAsync(BotHarness.GuildId, sent + 1000)).Count - 200;
            if (handled >= sent) break;
            await Task.Delay(200);
        }
        var totalSeconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"{sent} non-matching MESSAGE_CREATE sent in {sendSeconds:F1} s; handled (classified + stored) {handled} at {handled / totalSeconds:F0} posts/s");

        await watching.CancelAsync();
        var gaps = await heartbeatGaps;
        Console.WriteLine($"heartbeats during the run: {gaps.Count + 1} at a {heartbeatMs} ms interval; largest gap {gaps.DefaultIfEmpty(0).Max():F0} ms, p50 gap {(gaps.Count > 0 ? Percentiles.Of(gaps, 50) : 0):F0} ms");

        GC.Collect();
        GC.WaitForPendingFinalizers();
        process.Refresh();
        Console.WriteLine($"working set before the flood {Percentiles.MegaBytes(before):F0} MB, after {sent} dispatches {Percentiles.MegaBytes(process.WorkingSet64):F0} MB (peak {Percentiles.MegaBytes(process.PeakWorkingSet64):F0} MB)");
    }

    /// <summary>Time between heartbeats as the server sees them (polled every 5 ms).</summary>
    private static async Task<List<double>> WatchHeartbeatsAsync(Discord.Testing.FakeGatewayConnection gateway, CancellationToken stop)
    {
        var gaps = new List<double>();
        var seen = 0;
        long? last = null;
        while (!stop.IsCancellationRequested)
        {
            var count = gateway.Received.Count(p => p.GetProperty("op").GetInt32() == 1);
            if (count > seen)
            {
                var now = Stopwatch.GetTimestamp();
                if (last is not null) gaps.Add(Stopwatch.GetElapsedTime(last.Value, now).TotalMilliseconds);
                last = now;
                seen = count;
            }
            try { await Task.Delay(5, stop); } catch (OperationCanceledException) { break; }
        }
        return gaps;
    }
}
