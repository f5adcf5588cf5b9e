using MassageForumBot.Configuration;
using MassageForumBot.Discord.Gateway;
using MassageForumBot.Discord.Models;
using MassageForumBot.Worker;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MassageForumBot.DiscordBot;

/// <summary>
/// Runs the gateway and the host's one bounded queue: events for the same channel or thread are handled in order
/// (a MESSAGE_DELETE never before the create it deletes), different channels in parallel, interactions on handlers
/// of their own. On stop it takes no new events, drains what is queued within the host's shutdown timeout, and
/// whatever was not handled is replayed by Discord after a restart (each handled event is marked on the gateway, whose
/// stored resume point follows the handled watermark). A fatal close code stops the host with exit code 3.
/// </summary>
public sealed class DiscordBotService : BackgroundService, IGatewayDispatchSink
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
        IHostApplicationLifetime lifetime, ILogger<DiscordBotService> log)
    {
        _gateway = gateway;
        _lifetime = lifetime;
        _log = log;
        _concurrency = options.Value.Concurrency;
        _queue = new KeyedWorkQueue<GatewayDispatch>(
            options.Value.QueueCapacity,
            options.Value.Concurrency,
            handler.HandleAsync,
            gateway.MarkHandled,
            d => $"{d.EventType} (s={d.Sequence})",
            log);
    }

    /// <summary>Why Discord ended the session for good, when it did.</summary>
    public GatewayFatalException? FatalError { get; private set; }

    /// <summary>Which lane an event takes: per channel (or thread) in order, interactions urgent, session and guild events alone.</summary>
    public static WorkLane LaneOf(GatewayDispatch dispatch) => dispatch.Event switch
    {
        InteractionCreateEvent => WorkLane.Urgent,
        // Messages by their channel (a forum post's thread); channels and threads by their own id.
        MessageCreateEvent e => WorkLane.Ordered(e.Message.ChannelId),
        MessageDeleteEvent e => WorkLane.Ordered(e.ChannelId),
        MessageDeleteBulkEvent e => WorkLane.Ordered(e.ChannelId),
        ReactionAddEvent e => WorkLane.Ordered(e.ChannelId),
        ChannelUpsertEvent e => WorkLane.Ordered(e.Channel.Id),
        ChannelDeleteEvent e => WorkLane.Ordered(e.Channel.Id),
        ThreadUpsertEvent e => WorkLane.Ordered(e.Thread.Id),
        ThreadDeleteEvent e => WorkLane.Ordered(e.Id),
        _ => WorkLane.Barrier,
    };

    /// <summary>Called by the gateway's receive loop for each event; waits only while the queue is full.</summary>
    public ValueTask DeliverAsync(GatewayDispatch dispatch, CancellationToken cancel) =>
        _queue.EnqueueAsync(dispatch, LaneOf(dispatch), cancel);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host's shutdown timeout: until it runs out, queued events are still handled.
        await using var registration = cancellationToken.Register(_outOfTime.Cancel);
        await base.StopAsync(cancellationToken);
        if (ExecuteTask is { IsCompleted: false } running)
        {
            // Out of time: the handlers were told to give up; let them stop and the checkpoint be saved before the
            // host disposes the store under them.
            await running.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        EnsureThreadHeadroom(_concurrency + 2);
        _queue.Start(_outOfTime.Token);
        try
        {
            await _gateway.RunAsync(this, stoppingToken);
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
        var pending = _queue.Pending;
        if (pending > 0)
        {
            _log.LogInformation("Stopping: handling the {Count} queued event(s) first", pending);
        }
        await _queue.CompleteAsync();
        // The gateway saved its checkpoint when it stopped; save again for what was handled while draining.
        await _gateway.SaveCheckpointAsync(CancellationToken.None);
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
}
