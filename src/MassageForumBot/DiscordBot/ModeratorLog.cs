using MassageForumBot.Configuration;
using Microsoft.Extensions.Options;

namespace MassageForumBot.DiscordBot;

/// <summary>
/// The moderators' log channel (Bot:ModLogChannel): shadow drafts and red-flag notices go there. It is used only for
/// posts from the guild that channel belongs to, so one guild's posts never show up in another guild's log.
/// </summary>
public sealed class ModeratorLog
{
    private readonly ChannelDirectory _channels;
    private readonly ulong? _channelId;

    public ModeratorLog(ChannelDirectory channels, IOptions<BotOptions> options)
    {
        _channels = channels;
        _channelId = options.Value.ModLogChannel;
    }

    /// <summary>The log channel for this guild, or null when none is set or it belongs to another guild.</summary>
    public ulong? ChannelFor(ulong guildId)
    {
        if (_channelId is not { } channelId)
        {
            return null;
        }
        var known = _channels.Find(channelId);
        return known is null || known.GuildId == guildId || known.GuildId == 0 ? channelId : null;
    }
}
