using MassageForumBot.Decisions;

namespace MassageForumBot.DiscordBot;

/// <summary>Discord jump links: https://discord.com/channels/{guild}/{channel}/{message}.</summary>
public sealed class DiscordLinks : ILinkBuilder
{
    public Uri? PostLink(ulong guildId, ulong channelId, ulong messageId) => JumpLink(guildId, channelId, messageId);

    public static Uri JumpLink(ulong guildId, ulong channelId, ulong messageId) =>
        new($"https://discord.com/channels/{guildId}/{channelId}/{messageId}");
}
