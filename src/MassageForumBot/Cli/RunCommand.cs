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
                // Looked up before running: RunAsync disposes the host's services when it ends.
                var discord = host.Services.GetServices<IHostedService>().OfType<DiscordBotService>().FirstOrDefault();
                await host.RunAsync(cancel);
                var fatal = discord?.FatalError;
                if (fatal is null) return 0;
                await Console.Error.WriteLineAsync($"error: {fatal.Message}");
                return DiscordBotService.FatalExitCode;
            }
            catch (OptionsValidationException e)
            {
                await Console.Error.WriteLineAsync($"error: invalid configuration: {string.Join("; ", e.Failures)}");
                return 2;
            }
            catch (InvalidOperationException e) when (e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
            {
                // A value of the wrong type (for example Bot:Mode=loud); the message names the key and the value.
                await Console.Error.WriteLineAsync($"error: invalid configuration: {e.Message}");
                return 2;
            }
            catch (Exception e) when (e is Classification.Inference.ModelLoadException or Replies.TopicContentException)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
