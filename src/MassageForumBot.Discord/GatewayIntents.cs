namespace MassageForumBot.Discord;

/// <summary>Gateway intents (Discord "List of Intents"). MessageContent is privileged: enable it in the Developer Portal.</summary>
[Flags]
public enum GatewayIntents
{
    None = 0,
    Guilds = 1 << 0,
    GuildMembers = 1 << 1,
    GuildModeration = 1 << 2,
    GuildMessages = 1 << 9,
    GuildMessageReactions = 1 << 10,
    GuildMessageTyping = 1 << 11,
    DirectMessages = 1 << 12,
    DirectMessageReactions = 1 << 13,
    MessageContent = 1 << 15,
}
