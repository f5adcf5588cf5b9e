namespace MassageForumBot.Decisions;

/// <summary>Links to posts in the channel the bot serves; the decision core never builds a channel's links itself.</summary>
public interface ILinkBuilder
{
    /// <summary>Where members can open the post, or null when the channel has no public link (the console).</summary>
    Uri? PostLink(ulong guildId, ulong channelId, ulong messageId);
}

/// <summary>The console channel and pasted posts have no links members could open.</summary>
public sealed class NoLinks : ILinkBuilder
{
    public Uri? PostLink(ulong guildId, ulong channelId, ulong messageId) => null;
}
