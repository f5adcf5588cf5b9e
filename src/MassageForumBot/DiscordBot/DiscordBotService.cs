using System.Text.Json;
using MassageForumBot.Configuration;
using MassageForumBot.Discord.Gateway;
using MassageForumBot.Worker;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MassageForumBot.DiscordBot;

/// <summary>
/// Runs the gateway and the host's one bounded queue: events for the same channel or thread are handled in order
/// (a MESSAGE_DELETE never before the create it deletes), different channels in parallel, interactions on handlers
/// of their own. On stop it takes no new events, drains what is queued within the host's shutdown timeout, and
/// whatever was not handled is replayed by Discord after a restart. A fatal close code stops the host with exit code 3.
/// </summary>
public sealed class DiscordBotService : BackgroundService
{
    /// <summary>Exit code for a fatal gateway close (bad token, disallowed intents, ...): the process must not look healthy.</summary>
    public const int FatalExitCode = 3;

    private readonly DiscordGatewayClient _gateway;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<DiscordBotService> _log;
    private readonly KeyedWorkQueue<GatewayDispatch> _queue;
    private readonly CancellationTokenSource _outOfTime = new();
    private readonly int _concurrency;

    public DiscordBotService(DiscordGatewayClient gateway, DispatchHandler handler, IOptions<BotOptions> options,
        IOptions<Discord.DiscordClientOptions> clientOptions, IHostApplicationLifetime lifetime, ILogger<DiscordBotService> log)
    {
        _gateway = gateway;
        _lifetime = lifetime;
        _log = log;
        _concurrency = options.Value.Concurrency;
        _queue = new KeyedWorkQueue<GatewayDispatch>(
            Math.Max(1, clientOptions.Value.DispatchQueueCapacity),
            options.Value.Concurrency,
            handler.HandleAsync,
            _ => { },
            d => $"{d.EventType} (s={d.Sequence})",
            log);
    }

    /// <summary>Why Discord ended the session for good, when it did.</summary>
    public GatewayFatalException? FatalError { get; private set; }

    /// <summary>Which lane an event takes: per channel (or thread) in order, interactions urgent, session and guild events alone.</summary>
    public static WorkLane LaneOf(GatewayDispatch dispatch)
    {
        switch (dispatch.EventType)
        {
            case GatewayEvents.InteractionCreate:
                return WorkLane.Urgent;
            case GatewayEvents.Ready or GatewayEvents.Resumed or GatewayEvents.GuildCreate or "GUILD_DELETE":
                return WorkLane.Barrier;
        }
        var data = dispatch.Data;
        if (data.ValueKind == JsonValueKind.Object)
        {
            // Messages by their channel (a forum post's thread); channels and threads by their own id.
            var name = dispatch.EventType.StartsWith("MESSAGE_", StringComparison.Ordinal) ? "channel_id" : "id";
            if (data.TryGetProperty(name, out var id) && ulong.TryParse(id.GetString(), out var key))
            {
                return WorkLane.Ordered(key);
            }
        }
        return WorkLane.Barrier;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host's shutdown timeout: until it runs out, queued events are still handled.
        await using var registration = cancellationToken.Register(_outOfTime.Cancel);
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        EnsureThreadHeadroom(_concurrency + 2);
        _queue.Start(_outOfTime.Token);
        var forward = ForwardAsync(stoppingToken);
        try
        {
            await _gateway.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (GatewayFatalException e)
        {
            _log.LogCritical("Discord closed the connection for good: {Message}", e.Message);
            FatalError = e;
            _lifetime.StopApplication();
        }
        await forward;
        var pending = _queue.Pending;
        if (pending > 0)
        {
            _log.LogInformation("Stopping: handling the {Count} queued event(s) first", pending);
        }
        await _queue.CompleteAsync();
    }

    /// <summary>
    /// Classification is CPU work that holds a pool thread for milliseconds. With only as many pool threads as cores,
    /// the gateway's receive loop and heartbeat timer would wait for the pool to grow (about one thread per half
    /// second), a burst of posts would delay heartbeat ACKs, and the connection would look like a zombie. Keeping spare
    /// threads ready lets the OS time-slice them instead.
    /// </summary>
    private static void EnsureThreadHeadroom(int blockingHandlers)
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        var wanted = Environment.ProcessorCount + blockingHandlers + 8;
        if (workers < wanted)
        {
            ThreadPool.SetMinThreads(wanted, Math.Max(io, wanted));
        }
    }

    private async Task ForwardAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var dispatch in _gateway.Dispatches.ReadAllAsync(stoppingToken))
            {
                await _queue.EnqueueAsync(dispatch, LaneOf(dispatch), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
