using System.Text.Json;

namespace MassageForumBot.Discord.Models;

public sealed record ReadyEvent
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

public sealed record GuildCreateEvent
{
    public ulong Id { get; init; }
    public string? Name { get; init; }
    public bool? Unavailable { get; init; }
    public IReadOnlyList<DiscordChannel> Channels { get; init; } = [];
    public IReadOnlyList<DiscordChannel> Threads { get; init; } = [];
}

public sealed record MessageDeleteEvent
{
    public ulong Id { get; init; }
    public ulong ChannelId { get; init; }
    public ulong? GuildId { get; init; }
}

public sealed record ReactionAddEvent
{
    public ulong UserId { get; init; }
    public ulong ChannelId { get; init; }
    public ulong MessageId { get; init; }
    public ulong? GuildId { get; init; }
    public DiscordGuildMember? Member { get; init; }
    public ulong? MessageAuthorId { get; init; }
    public DiscordEmoji Emoji { get; init; } = new();
}

public sealed record InteractionCreateEvent
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
