using System.Collections.Concurrent;
using MassageForumBot.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace MassageForumBot.DiscordBot.Interactions;

/// <summary>
/// Registers <see cref="BotCommands.All"/> in a guild with one bulk PUT, once per guild per process (GUILD_CREATE is
/// replayed on every reconnect; guild commands persist on Discord's side, and creates are limited to 200 a day).
/// Handlers run concurrently, so a GUILD_CREATE may be handled before READY told the application id: such guilds wait
/// until READY arrives.
/// </summary>
public sealed class CommandRegistrar(DiscordRestClient rest, ILogger<CommandRegistrar> log)
{
    private readonly ConcurrentDictionary<ulong, bool> _registered = new();
    private readonly ConcurrentDictionary<ulong, bool> _waiting = new();
    private ulong _applicationId;

    /// <summary>READY: the application id is known; registers READY's guilds and any that arrived before it.</summary>
    public async Task OnReadyAsync(ulong applicationId, IEnumerable<ulong> guildIds, CancellationToken cancel)
    {
        Interlocked.Exchange(ref _applicationId, applicationId);
        foreach (var guildId in guildIds.Concat(_waiting.Keys).Distinct().ToList())
        {
            _waiting.TryRemove(guildId, out _);
            await RegisterAsync(guildId, cancel);
        }
    }

    /// <summary>GUILD_CREATE: registers the guild unless it already was in this process.</summary>
    public Task OnGuildAsync(ulong guildId, CancellationToken cancel)
    {
        if (Interlocked.Read(ref _applicationId) != 0) return RegisterAsync(guildId, cancel);
        _waiting[guildId] = true;
        // READY may have set the id meanwhile without seeing this guild: take it back and register it now.
        return Interlocked.Read(ref _applicationId) != 0 && _waiting.TryRemove(guildId, out _) ? RegisterAsync(guildId, cancel) : Task.CompletedTask;
    }

    /// <summary>The bot left (or was removed from) a guild: register again if it comes back.</summary>
    public void Forget(ulong guildId) => _registered.TryRemove(guildId, out _);

    private async Task RegisterAsync(ulong guildId, CancellationToken cancel)
    {
        if (!_registered.TryAdd(guildId, true)) return;
        try
        {
            await rest.BulkOverwriteGuildCommandsAsync(Interlocked.Read(ref _applicationId), guildId, BotCommands.All, cancel);
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
