using MassageForumBot.Configuration;
using MassageForumBot.Worker;
using Microsoft.Extensions.Options;

namespace MassageForumBot.DiscordBot;

/// <summary>
/// Where a guild's shadow drafts and red-flag notices go: the log channel the guild set itself
/// (`/massagebot logchannel`), else Bot:ModLogChannel, but only for the guild that channel belongs to (its guild is
/// looked up, over REST when not cached; an unknown guild means no). A guild with neither gets no log: its drafts
/// stay stored for `review` and are never posted anywhere.
/// </summary>
public sealed class ModeratorLog
{
    private readonly GuildPolicy _guilds;
    private readonly ChannelLookup _channels;
    private readonly ulong? _configuredChannel;

    public ModeratorLog(GuildPolicy guilds, ChannelLookup channels, IOptions<BotOptions> options)
    {
        _guilds = guilds;
        _channels = channels;
        _configuredChannel = options.Value.ModLogChannel;
    }

    /// <summary>The log channel for this guild, or null when it has none of its own and Bot:ModLogChannel is not in it.</summary>
    public async Task<ulong?> ChannelForAsync(ulong guildId, CancellationToken cancel)
    {
        if (guildId == 0) return null;
        if (await _guilds.LogChannelAsync(guildId, cancel) is { } own)
        {
            // Checked when set; checked again in case the channel was since moved out or is known elsewhere.
            return await _channels.IsInGuildAsync(own, guildId, cancel) ? own : null;
        }
        return _configuredChannel is { } configured && await _channels.IsInGuildAsync(configured, guildId, cancel) ? configured : null;
    }
}
