namespace MassageForumBot.Decisions;

/// <summary>A thread starter from any channel (Discord, the local console, a pasted Facebook post), ready to be judged.</summary>
/// <param name="ChannelId">Where the message was posted (for a forum post: its thread).</param>
/// <param name="ThreadId">The forum post's thread, when the post started one; replies go there.</param>
/// <param name="WatchedChannelId">The channel moderators watch or unwatch: the text channel, or the forum a post was made in.</param>
public sealed record IncomingPost(
    ulong MessageId,
    ulong GuildId,
    ulong ChannelId,
    ulong? ThreadId,
    ulong AuthorId,
    string Text,
    DateTimeOffset At,
    ulong WatchedChannelId)
{
    /// <summary>Where the reply goes and whose thread the claim guards: the forum post's thread, else the channel.</summary>
    public ulong ReplyChannelId => ThreadId ?? ChannelId;
}
