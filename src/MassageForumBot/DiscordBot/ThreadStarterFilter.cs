using MassageForumBot.Discord.Models;

namespace MassageForumBot.DiscordBot;

/// <summary>
/// Tells a thread starter from a reply by Discord's channel structure: a top-level message in a text channel, or the
/// first message of a forum post (whose id equals the thread's id). Whether the channel is watched is the decision
/// core's rule, not this one's.
/// </summary>
public static class ThreadStarterFilter
{
    /// <param name="WatchedChannelId">The text channel, or the forum the post was made in.</param>
    /// <param name="ThreadId">The forum post's thread, for forum posts.</param>
    public sealed record Starter(ulong WatchedChannelId, ulong? ThreadId);

    /// <summary>The starter's channels, or null when the message is not a thread starter.</summary>
    public static Starter? Find(DiscordMessage message, ChannelInfo channel)
    {
        if (channel.IsTextChannel)
        {
            var topLevel = message.Type == MessageType.Default && message.MessageReference is null;
            return topLevel ? new Starter(channel.Id, null) : null;
        }

        // Forum posts: the thread and its first message share an id. Messages later in any thread are replies.
        if (channel.IsThread && message.Id == channel.Id && channel.ParentId is { } forum)
        {
            return new Starter(forum, channel.Id);
        }
        return null;
    }
}
