using System.Text.Json;

namespace MassageForumBot.Discord.Models;

/// <summary>
/// A dispatch payload, deserialized once by the gateway client. Match on the derived type; types the bot does not
/// know arrive as <see cref="UnknownEvent"/>.
/// </summary>
public abstract record GatewayEvent;

/// <summary>A dispatch type this library does not model. Harmless: ignore it (and mark it handled).</summary>
public sealed record UnknownEvent(string EventType) : GatewayEvent;

public sealed record ResumedEvent : GatewayEvent
{
    public static ResumedEvent Instance { get; } = new();
}

public sealed record ReadyEvent : GatewayEvent
{
    public int V { get; init; }
    public DiscordUser User { get; init; } = new();
    public string SessionId { get; init; } = "";
    public Uri? ResumeGatewayUrl { get; init; }
    public ReadyApplication Application { get; init; } = new();
    public IReadOnlyList<UnavailableGuild> Guilds { get; init; } = [];
    public IReadOnlyList<int>? Shard { get; init; }
}

public sealed record ReadyApplication
{
    public ulong Id { get; init; }
    public int? Flags { get; init; }
}

public sealed record UnavailableGuild
{
    public ulong Id { get; init; }
    public bool? Unavailable { get; init; }
}

public sealed record GuildCreateEvent : GatewayEvent
{
    public ulong Id { get; init; }
    public string? Name { get; init; }
    public bool? Unavailable { get; init; }
    public ulong OwnerId { get; init; }
    public IReadOnlyList<DiscordRole> Roles { get; init; } = [];
    public IReadOnlyList<DiscordChannel> Channels { get; init; } = [];
    public IReadOnlyList<DiscordChannel> Threads { get; init; } = [];
}

/// <summary>GUILD_UPDATE: the guild as it is now (no channels); the owner or the roles may have changed.</summary>
public sealed record GuildUpdateEvent : GatewayEvent
{
    public ulong Id { get; init; }
    public string? Name { get; init; }
    public ulong OwnerId { get; init; }
    public IReadOnlyList<DiscordRole> Roles { get; init; } = [];
}

/// <summary>GUILD_ROLE_CREATE and GUILD_ROLE_UPDATE: the role as it is now.</summary>
public sealed record GuildRoleUpsertEvent : GatewayEvent
{
    public ulong GuildId { get; init; }
    public DiscordRole Role { get; init; } = new();
}

/// <summary>GUILD_ROLE_DELETE.</summary>
public sealed record GuildRoleDeleteEvent : GatewayEvent
{
    public ulong GuildId { get; init; }
    public ulong RoleId { get; init; }
}

public sealed record MessageDeleteEvent : GatewayEvent
{
    public ulong Id { get; init; }
    public ulong ChannelId { get; init; }
    public ulong? GuildId { get; init; }
}

/// <summary>GUILD_DELETE: <see cref="Unavailable"/> true is an outage; absent or false means the bot left the guild.</summary>
public sealed record GuildDeleteEvent : GatewayEvent
{
    public ulong Id { get; init; }
    public bool? Unavailable { get; init; }

    /// <summary>True when the bot was removed from the guild (forget its data), false during an outage.</summary>
    public bool Removed => Unavailable != true;
}

/// <summary>MESSAGE_DELETE_BULK.</summary>
public sealed record MessageDeleteBulkEvent : GatewayEvent
{
    public IReadOnlyList<ulong> Ids { get; init; } = [];
    public ulong ChannelId { get; init; }
    public ulong? GuildId { get; init; }
}

/// <summary>MESSAGE_CREATE: the message (with guild_id and member in guilds).</summary>
public sealed record MessageCreateEvent(DiscordMessage Message) : GatewayEvent;

/// <summary>CHANNEL_CREATE and CHANNEL_UPDATE: the channel as it is now.</summary>
public sealed record ChannelUpsertEvent(DiscordChannel Channel) : GatewayEvent;

/// <summary>CHANNEL_DELETE: the deleted channel (a forum or text channel; its threads go with it).</summary>
public sealed record ChannelDeleteEvent(DiscordChannel Channel) : GatewayEvent;

/// <summary>THREAD_CREATE and THREAD_UPDATE (see <see cref="DiscordChannel.NewlyCreated"/>).</summary>
public sealed record ThreadUpsertEvent(DiscordChannel Thread) : GatewayEvent;

/// <summary>THREAD_DELETE: only these four fields are sent.</summary>
public sealed record ThreadDeleteEvent : GatewayEvent
{
    public ulong Id { get; init; }
    public ulong? GuildId { get; init; }
    public ulong? ParentId { get; init; }
    public ChannelType Type { get; init; }
}

public sealed record ReactionAddEvent : GatewayEvent
{
    public ulong UserId { get; init; }
    public ulong ChannelId { get; init; }
    public ulong MessageId { get; init; }
    public ulong? GuildId { get; init; }
    public DiscordGuildMember? Member { get; init; }
    public ulong? MessageAuthorId { get; init; }
    public DiscordEmoji Emoji { get; init; } = new();
}

public sealed record InteractionCreateEvent : GatewayEvent
{
    public ulong Id { get; init; }
    public ulong ApplicationId { get; init; }
    public InteractionType Type { get; init; }

    /// <summary>Secret for 15 minutes: do not log.</summary>
    public string Token { get; init; } = "";
    public InteractionData? Data { get; init; }
    public ulong? GuildId { get; init; }
    public ulong? ChannelId { get; init; }

    /// <summary>Set in guilds (with <see cref="DiscordGuildMember.Permissions"/>); <see cref="User"/> is set in DMs.</summary>
    public DiscordGuildMember? Member { get; init; }
    public DiscordUser? User { get; init; }

    /// <summary>For component interactions, the message the component was on.</summary>
    public DiscordMessage? Message { get; init; }

    /// <summary>The invoking user from either <see cref="Member"/> or <see cref="User"/>.</summary>
    public DiscordUser? InvokingUser => Member?.User ?? User;
}

public sealed record InteractionData
{
    public ulong? Id { get; init; }
    public string? Name { get; init; }
    public int? Type { get; init; }
    public IReadOnlyList<InteractionDataOption>? Options { get; init; }
    public string? CustomId { get; init; }
    public int? ComponentType { get; init; }
    public IReadOnlyList<string>? Values { get; init; }
    public ulong? TargetId { get; init; }
}

public sealed record InteractionDataOption
{
    public string Name { get; init; } = "";
    public ApplicationCommandOptionType Type { get; init; }
    /// <summary>A string, number or boolean; <see cref="JsonValueKind.Undefined"/> for sub-commands (no value).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public JsonElement Value { get; init; }
    public IReadOnlyList<InteractionDataOption>? Options { get; init; }
    public bool? Focused { get; init; }
}

/// <summary>Response of GET /gateway/bot.</summary>
public sealed record GatewayBotResponse
{
    public Uri Url { get; init; } = new("wss://gateway.discord.gg");
    public int Shards { get; init; } = 1;
    public SessionStartLimit SessionStartLimit { get; init; } = new();
}

public sealed record SessionStartLimit
{
    public int Total { get; init; }
    public int Remaining { get; init; }

    /// <summary>Milliseconds until <see cref="Remaining"/> resets.</summary>
    public long ResetAfter { get; init; }
    public int MaxConcurrency { get; init; } = 1;
}
