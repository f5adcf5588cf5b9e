using MassageForumBot.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace MassageForumBot.DiscordBot;

/// <summary>
/// A channel's type and guild: from the <see cref="ChannelDirectory"/>, else asked of Discord (GET /channels/{id}) and
/// remembered. Used wherever a guild boundary is checked, so an unknown channel is never assumed to be in a guild.
/// </summary>
public sealed class ChannelLookup
{
    private readonly ChannelDirectory _channels;
    private readonly DiscordRestClient _rest;
    private readonly ILogger<ChannelLookup> _log;

    public ChannelLookup(ChannelDirectory channels, DiscordRestClient rest, ILogger<ChannelLookup> log)
    {
        _channels = channels;
        _rest = rest;
        _log = log;
    }

    /// <summary>The channel with its guild, or null when Discord does not know it or cannot be asked.</summary>
    public async Task<ChannelInfo?> FindAsync(ulong channelId, CancellationToken cancel)
    {
        if (_channels.Find(channelId) is { GuildId: not 0 } known) return known;
        try
        {
            var channel = await _rest.GetChannelAsync(channelId, cancel);
            _channels.Upsert(channel);
            return _channels.Find(channelId);
        }
        catch (DiscordRestException e)
        {
            _log.LogWarning("Could not look up channel {ChannelId}: {Message}", channelId, e.Message);
            return null;
        }
    }

    /// <summary>True only when the channel is known to belong to <paramref name="guildId"/>.</summary>
    public async Task<bool> IsInGuildAsync(ulong channelId, ulong guildId, CancellationToken cancel) =>
        guildId != 0 && (await FindAsync(channelId, cancel))?.GuildId == guildId;
}
