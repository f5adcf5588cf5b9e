using MassageForumBot.Discord.Models;

namespace MassageForumBot.Discord.Gateway;

/// <summary>Who the bot is on this connection, from READY.</summary>
public sealed record GatewayReadyState(DiscordUser User, ulong ApplicationId)
{
    /// <summary>The bot's own user id: never reply to it.</summary>
    public ulong SelfUserId => User.Id;
}
