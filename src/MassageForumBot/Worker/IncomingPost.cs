namespace MassageForumBot.Worker;

/// <summary>A thread starter from any channel (Discord or the local console), ready to be judged.</summary>
/// <param name="ThreadId">The forum post's thread, when the post started one; replies go there.</param>
public sealed record IncomingPost(
    ulong MessageId,
    ulong GuildId,
    ulong ChannelId,
    ulong? ThreadId,
    ulong AuthorId,
    string Text,
    DateTimeOffset At);
