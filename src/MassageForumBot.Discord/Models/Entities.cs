using System.Text.Json;

namespace MassageForumBot.Discord.Models;

public sealed record DiscordUser
{
    public ulong Id { get; init; }
    public string Username { get; init; } = "";
    public string? GlobalName { get; init; }

    /// <summary>Absent in JSON means false.</summary>
    public bool Bot { get; init; }
}

public sealed record DiscordGuildMember
{
    public DiscordUser? User { get; init; }
    public string? Nick { get; init; }
    public IReadOnlyList<ulong>? Roles { get; init; }

    /// <summary>Permission bitset as a decimal string (present in interactions).</summary>
    public string? Permissions { get; init; }
}

/// <summary>A guild role. The @everyone role's id is the guild's id.</summary>
public sealed record DiscordRole
{
    public ulong Id { get; init; }
    public string Name { get; init; } = "";

    /// <summary>Permission bitset as a decimal string.</summary>
    public string Permissions { get; init; } = "0";
    public int Position { get; init; }
}

/// <summary>A guild as GET /guilds/{id} returns it (the parts the bot reads).</summary>
public sealed record DiscordGuild
{
    public ulong Id { get; init; }
    public string? Name { get; init; }

    /// <summary>The owner holds every permission, whatever the roles say.</summary>
    public ulong OwnerId { get; init; }
    public IReadOnlyList<DiscordRole> Roles { get; init; } = [];
}

public sealed record DiscordMessageReference
{
    public int? Type { get; init; }
    public ulong? MessageId { get; init; }
    public ulong? ChannelId { get; init; }
    public ulong? GuildId { get; init; }

    /// <summary>Defaults to true on Discord's side; send false to post even if the referenced message is gone.</summary>
    public bool? FailIfNotExists { get; init; }
}

public sealed record DiscordMessage
{
    public ulong Id { get; init; }

    /// <summary>For a message in a thread or forum post, the thread's id.</summary>
    public ulong ChannelId { get; init; }
    public ulong? GuildId { get; init; }

    /// <summary>Empty when the MESSAGE_CONTENT intent is missing (except DMs, mentions and the bot's own messages).</summary>
    public string Content { get; init; } = "";
    public DateTimeOffset Timestamp { get; init; }
    public DateTimeOffset? EditedTimestamp { get; init; }
    public MessageType Type { get; init; }
    public int? Flags { get; init; }
    public ulong? WebhookId { get; init; }
    public DiscordUser? Author { get; init; }
    public DiscordMessageReference? MessageReference { get; init; }
    public DiscordGuildMember? Member { get; init; }
    public string? Nonce { get; init; }
    public int? Position { get; init; }
    public ChannelType? ChannelType { get; init; }
}

/// <summary>A channel or a thread (THREAD_CREATE carries a channel object with <see cref="NewlyCreated"/>).</summary>
public sealed record DiscordChannel
{
    public ulong Id { get; init; }
    public ulong? GuildId { get; init; }
    public ChannelType Type { get; init; }

    /// <summary>For a thread, the text / forum channel it lives in; for a channel, its category.</summary>
    public ulong? ParentId { get; init; }

    /// <summary>Thread creator.</summary>
    public ulong? OwnerId { get; init; }
    public string? Name { get; init; }

    /// <summary>True when THREAD_CREATE is about a new thread (false/absent when the bot was added to an old one).</summary>
    public bool? NewlyCreated { get; init; }
    public IReadOnlyList<ulong>? AppliedTags { get; init; }
    public ThreadMetadata? ThreadMetadata { get; init; }
}

public sealed record ThreadMetadata
{
    public bool Archived { get; init; }
    public bool Locked { get; init; }
    public int? AutoArchiveDuration { get; init; }
}

public sealed record DiscordEmoji
{
    /// <summary>Null for unicode emoji.</summary>
    public ulong? Id { get; init; }
    public string? Name { get; init; }
}
