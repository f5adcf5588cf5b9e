using System.Collections.Concurrent;
using MassageForumBot.Discord.Models;

namespace MassageForumBot.DiscordBot;

/// <summary>What the bot needs to know about a channel to tell a thread starter from a reply.</summary>
public sealed record ChannelInfo(ulong Id, ulong GuildId, ChannelType Type, ulong? ParentId)
{
    public bool IsThread => Type is ChannelType.PublicThread or ChannelType.PrivateThread or ChannelType.AnnouncementThread;

    public bool IsTextChannel => Type is ChannelType.GuildText or ChannelType.GuildAnnouncement;

    public bool IsForum => Type is ChannelType.GuildForum or ChannelType.GuildMedia;
}

/// <summary>
/// Channels and threads seen in GUILD_CREATE, CHANNEL_* and THREAD_* events. Threads come and go without bound,
/// so the directory forgets all threads when it grows past its cap; a forgotten thread is fetched again over REST.
/// </summary>
public sealed class ChannelDirectory
{
    public const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<ulong, ChannelInfo> _channels = new();

    public int Count => _channels.Count;

    public void Upsert(DiscordChannel channel, ulong? guildId = null)
    {
        if (_channels.Count >= MaxEntries)
        {
            foreach (var thread in _channels.Values.Where(c => c.IsThread).ToList())
            {
                _channels.TryRemove(thread.Id, out _);
            }
        }
        _channels[channel.Id] = new ChannelInfo(channel.Id, channel.GuildId ?? guildId ?? 0, channel.Type, channel.ParentId);
    }

    public void AddGuild(GuildCreateEvent guild)
    {
        foreach (var channel in guild.Channels)
        {
            Upsert(channel, guild.Id);
        }
        foreach (var thread in guild.Threads)
        {
            Upsert(thread, guild.Id);
        }
    }

    public void Remove(ulong channelId) => _channels.TryRemove(channelId, out _);

    public ChannelInfo? Find(ulong channelId) => _channels.TryGetValue(channelId, out var info) ? info : null;
}
