using MassageForumBot.Configuration;
using MassageForumBot.Discord.Gateway;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MassageForumBot.DiscordBot;

/// <summary>
/// Runs the gateway and a few handler loops that drain its dispatch queue, so classification and storage never hold
/// up the receive loop or the heartbeats. A fatal close code stops the host with a non-zero exit code.
/// </summary>
public sealed class DiscordBotService(
    DiscordGatewayClient gateway,
    DispatchHandler handler,
    IOptions<BotOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<DiscordBotService> log) : BackgroundService
{
    /// <summary>Exit code for a fatal gateway close (bad token, disallowed intents, ...): the process must not look healthy.</summary>
    public const int FatalExitCode = 3;

    /// <summary>Why Discord ended the session for good, when it did.</summary>
    public GatewayFatalException? FatalError { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var consumers = Enumerable.Range(0, options.Value.Concurrency).Select(_ => ConsumeAsync(stoppingToken)).ToList();
        try
        {
            await gateway.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (GatewayFatalException e)
        {
            log.LogCritical("Discord closed the connection for good: {Message}", e.Message);
            FatalError = e;
            lifetime.StopApplication();
        }
        await Task.WhenAll(consumers);
    }

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var dispatch in gateway.Dispatches.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await handler.HandleAsync(dispatch, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One bad event must not stop the bot.
                    log.LogError(e, "Handling {EventType} (s={Sequence}) failed", dispatch.EventType, dispatch.Sequence);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
