using System.Threading.Channels;
using MassageForumBot.Configuration;
using MassageForumBot.Discord.Gateway;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MassageForumBot.DiscordBot;

/// <summary>
/// Runs the gateway and a few handler loops that drain its dispatch queue, so classification and storage never hold
/// up the receive loop or the heartbeats; interactions have handlers of their own so their 3-second deadline holds
/// during a flood of posts. A fatal close code stops the host with a non-zero exit code.
/// </summary>
public sealed class DiscordBotService : BackgroundService
{
    private readonly DiscordGatewayClient _gateway;
    private readonly DispatchHandler _handler;
    private readonly int _concurrency;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<DiscordBotService> _log;

    /// <summary>Exit code for a fatal gateway close (bad token, disallowed intents, ...): the process must not look healthy.</summary>
    public const int FatalExitCode = 3;

    /// <summary>Why Discord ended the session for good, when it did.</summary>
    public GatewayFatalException? FatalError { get; private set; }

    /// <summary>Interactions must be answered within 3 seconds, so they never queue behind a flood of posts.</summary>
    private const int InteractionHandlers = 2;

    /// <summary>Posts and other events; bounded like the gateway's own queue (oldest dropped, and logged, in a flood
    /// the handlers cannot keep up with), so the router never blocks and an interaction never waits behind posts.</summary>
    private readonly Channel<GatewayDispatch> _events;

    private long _dropped;

    private readonly Channel<GatewayDispatch> _interactions = Channel.CreateUnbounded<GatewayDispatch>(
        new UnboundedChannelOptions { SingleWriter = true });

    public DiscordBotService(DiscordGatewayClient gateway, DispatchHandler handler, IOptions<BotOptions> options,
        IOptions<Discord.DiscordClientOptions> clientOptions, IHostApplicationLifetime lifetime, ILogger<DiscordBotService> log)
    {
        (_gateway, _handler, _concurrency, _lifetime, _log) = (gateway, handler, options.Value.Concurrency, lifetime, log);
        _events = Channel.CreateBounded<GatewayDispatch>(
            new BoundedChannelOptions(Math.Max(1, clientOptions.Value.DispatchQueueCapacity)) { SingleWriter = true, FullMode = BoundedChannelFullMode.DropOldest },
            dropped =>
            {
                if (Interlocked.Increment(ref _dropped) % 100 == 1)
                    log.LogWarning("Handlers are behind: dropped {Count} queued events so far (latest {EventType})", _dropped, dropped.EventType);
            });
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        EnsureThreadHeadroom(_concurrency + InteractionHandlers);
        var handlers = Enumerable.Range(0, _concurrency).Select(_ => ConsumeAsync(_events.Reader, stoppingToken))
            .Concat(Enumerable.Range(0, InteractionHandlers).Select(_ => ConsumeAsync(_interactions.Reader, stoppingToken)))
            .Append(RouteAsync(stoppingToken))
            .ToList();
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
        await Task.WhenAll(handlers);
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
        if (workers < wanted) ThreadPool.SetMinThreads(wanted, Math.Max(io, wanted));
    }

    /// <summary>Splits the gateway's queue in two: interactions to their own handlers, everything else in order to the rest.</summary>
    private async Task RouteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var dispatch in _gateway.Dispatches.ReadAllAsync(stoppingToken))
            {
                if (dispatch.EventType == GatewayEvents.InteractionCreate)
                    await _interactions.Writer.WriteAsync(dispatch, stoppingToken);
                else
                    await _events.Writer.WriteAsync(dispatch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _events.Writer.TryComplete();
            _interactions.Writer.TryComplete();
        }
    }

    private async Task ConsumeAsync(ChannelReader<GatewayDispatch> reader, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var dispatch in reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await _handler.HandleAsync(dispatch, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One bad event must not stop the bot.
                    _log.LogError(e, "Handling {EventType} (s={Sequence}) failed", dispatch.EventType, dispatch.Sequence);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
