using MassageForumBot.Discord.Models;
using MassageForumBot.Storage;

namespace MassageForumBot.DiscordBot;

/// <summary>
/// Decides whether a message starts a thread in a watched channel: a top-level message in a text channel, or the
/// first message of a forum post (whose id equals the thread's id). Everything else is never answered.
/// </summary>
public static class ThreadStarterFilter
{
    public sealed record Verdict(bool IsStarter, PostOutcome? Rejection, string Reason, ulong? ThreadId = null);

    public static Verdict Judge(DiscordMessage message, ChannelInfo channel, ulong selfId, IReadOnlySet<ulong> watched)
    {
        if (message.Author is null || message.Author.Bot || message.WebhookId is not null || message.Author.Id == selfId)
            return new(false, null, "author is a bot, a webhook or the bot itself");

        if (channel.IsTextChannel)
        {
            if (!IsWatched(channel.Id, watched)) return new(false, PostOutcome.ChannelNotWatched, "channel not watched");
            var topLevel = message.Type == MessageType.Default && message.MessageReference is null;
            return topLevel
                ? new(true, null, "top-level message in a watched text channel")
                : new(false, PostOutcome.NotThreadStarter, "a reply, not a thread starter");
        }

        if (channel.IsThread)
        {
            // Forum posts: the thread and its first message share an id. Messages later in any thread are replies.
            var inForumPost = message.Id == channel.Id && channel.ParentId is not null;
            if (!inForumPost) return new(false, PostOutcome.NotThreadStarter, "a message inside a thread, not its starter");
            if (!IsWatched(channel.ParentId!.Value, watched)) return new(false, PostOutcome.ChannelNotWatched, "forum not watched");
            return new(true, null, "first message of a forum post", ThreadId: channel.Id);
        }

        return new(false, PostOutcome.NotThreadStarter, $"channel type {channel.Type} is not watched");
    }

    private static bool IsWatched(ulong channelId, IReadOnlySet<ulong> watched) => watched.Count == 0 || watched.Contains(channelId);
}
