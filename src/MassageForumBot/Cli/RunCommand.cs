using System.CommandLine;
using MassageForumBot.DiscordBot;
using MassageForumBot.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MassageForumBot.Cli;

/// <summary>`run`: the bot's main job. With Discord:Token set it joins Discord; without, it runs the local console channel.</summary>
public static class RunCommand
{
    /// <summary>Exit code for invalid configuration.</summary>
    public const int InvalidConfigurationExitCode = 2;

    /// <summary>Exit code when a background service failed unexpectedly: a supervisor must see a failure and restart.</summary>
    public const int ServiceFailedExitCode = 4;

    public static Command Create()
    {
        var command = new Command("run", "Run the bot. With a Discord token (environment Discord__Token or user secrets) it watches the configured channels; without one it runs a local console channel: type or pipe posts on standard input and see the replies.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(async (parse, cancel) =>
        {
            try
            {
                using var host = BotHost.CreateBuilder(parse.UnmatchedTokens.ToArray()).Build();
                return await RunHostAsync(host, Console.Error, cancel);
            }
            catch (OptionsValidationException e)
            {
                await Console.Error.WriteLineAsync($"error: invalid configuration: {string.Join("; ", e.Failures)}");
                return InvalidConfigurationExitCode;
            }
            catch (InvalidOperationException e) when (e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
            {
                // A value of the wrong type (for example Bot:Mode=loud); the message names the key and the value.
                await Console.Error.WriteLineAsync($"error: invalid configuration: {e.Message}");
                return InvalidConfigurationExitCode;
            }
            catch (Exception e) when (e is Classification.Inference.ModelLoadException or Replies.TopicContentException)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return InvalidConfigurationExitCode;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A hosted service that failed while starting: as unexpected as one failing later.
                await Console.Error.WriteLineAsync($"error: the host failed: {e.GetType().Name}: {e.Message}");
                return ServiceFailedExitCode;
            }
        });
        return command;
    }

    /// <summary>
    /// Runs the host until it stops and turns how it stopped into the exit code: 0 when asked to stop, 3 when Discord
    /// refused the bot for good, 4 when a background service failed (the host would otherwise end with 0).
    /// Configuration errors at start-up are thrown to the caller (exit code 2).
    /// </summary>
    public static async Task<int> RunHostAsync(IHost host, TextWriter error, CancellationToken cancel)
    {
        // Looked up before running: RunAsync disposes the host's services when it ends.
        var services = host.Services.GetServices<IHostedService>().OfType<BackgroundService>().ToList();
        await host.RunAsync(cancel);

        if (services.OfType<DiscordBotService>().FirstOrDefault()?.FatalError is { } fatal)
        {
            await error.WriteLineAsync($"error: {fatal.Message}");
            return DiscordBotService.FatalExitCode;
        }
        var failed = services.Where(s => s.ExecuteTask is { IsFaulted: true }).ToList();
        foreach (var service in failed)
        {
            var reason = service.ExecuteTask!.Exception!.GetBaseException();
            await error.WriteLineAsync($"error: {service.GetType().Name} failed: {reason.GetType().Name}: {reason.Message}");
        }
        return failed.Count > 0 ? ServiceFailedExitCode : 0;
    }
}
