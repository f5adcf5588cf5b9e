using System.Collections.Concurrent;
using MassageForumBot.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace MassageForumBot.DiscordBot.Interactions;

/// <summary>
/// Registers <see cref="BotCommands.All"/> in a guild with one bulk PUT, once per guild per process (GUILD_CREATE is
/// replayed on every reconnect; guild commands persist on Discord's side, and creates are limited to 200 a day).
/// </summary>
public sealed class CommandRegistrar(DiscordRestClient rest, ILogger<CommandRegistrar> log)
{
    private readonly ConcurrentDictionary<ulong, bool> _registered = new();

    /// <summary>The bot left (or was removed from) a guild: register again if it comes back.</summary>
    public void Forget(ulong guildId) => _registered.TryRemove(guildId, out _);

    public async Task RegisterAsync(ulong applicationId, ulong guildId, CancellationToken cancel)
    {
        if (applicationId == 0 || !_registered.TryAdd(guildId, true)) return;
        try
        {
            await rest.BulkOverwriteGuildCommandsAsync(applicationId, guildId, BotCommands.All, cancel);
            log.LogInformation("Registered {Count} commands in guild {GuildId}", BotCommands.All.Count, guildId);
        }
        catch (DiscordRestException e)
        {
            _registered.TryRemove(guildId, out _); // the next GUILD_CREATE tries again
            log.LogWarning("Could not register commands in guild {GuildId}: {Message} Invite the bot with the applications.commands scope.", guildId, e.Message);
        }
        catch (OperationCanceledException)
        {
            _registered.TryRemove(guildId, out _);
            throw;
        }
    }
}
