using System.Text.Json;

namespace MassageForumBot.Discord.Models;

public enum InteractionResponseType
{
    Pong = 1,
    ChannelMessageWithSource = 4,
    DeferredChannelMessageWithSource = 5,
    DeferredUpdateMessage = 6,
    UpdateMessage = 7,
    ApplicationCommandAutocompleteResult = 8,
    Modal = 9,
}

/// <summary>Body of POST /interactions/{id}/{token}/callback.</summary>
public sealed record InteractionResponse
{
    public InteractionResponseType Type { get; init; }
    public InteractionResponseData? Data { get; init; }
}

public sealed record InteractionResponseData : OutgoingMessage
{
    public const int EphemeralFlag = 64;

    public string? Content { get; init; }
    public IReadOnlyList<Embed>? Embeds { get; init; }
    public IReadOnlyList<MessageComponent>? Components { get; init; }

    /// <summary>64 = ephemeral.</summary>
    public int? Flags { get; init; }

}

public enum ApplicationCommandType
{
    ChatInput = 1,
    User = 2,
    Message = 3,
}

public enum ApplicationCommandOptionType
{
    SubCommand = 1,
    SubCommandGroup = 2,
    String = 3,
    Integer = 4,
    Boolean = 5,
    User = 6,
    Channel = 7,
    Role = 8,
    Mentionable = 9,
    Number = 10,
    Attachment = 11,
}

/// <summary>A command for PUT /applications/{app}/guilds/{guild}/commands (Id and ApplicationId are set in answers).</summary>
public sealed record ApplicationCommand
{
    public ulong? Id { get; init; }
    public ulong? ApplicationId { get; init; }
    public ulong? GuildId { get; init; }

    /// <summary>1-32 lowercase characters.</summary>
    public string Name { get; init; } = "";

    /// <summary>1-100 characters.</summary>
    public string Description { get; init; } = "";
    public ApplicationCommandType? Type { get; init; } = ApplicationCommandType.ChatInput;
    public IReadOnlyList<ApplicationCommandOption>? Options { get; init; }

    /// <summary>A permission bitset as a STRING, e.g. "8192" (MANAGE_MESSAGES) for moderator-only commands.</summary>
    public string? DefaultMemberPermissions { get; init; }

    /// <summary>0 guild, 1 bot DM, 2 private channel.</summary>
    public IReadOnlyList<int>? Contexts { get; init; }
}

public sealed record ApplicationCommandOption
{
    public ApplicationCommandOptionType Type { get; init; }
    public string Name { get; init; } = "";
    public string Description { get; init; } = "";
    public bool? Required { get; init; }
    public IReadOnlyList<ApplicationCommandOption>? Options { get; init; }
    public IReadOnlyList<ApplicationCommandOptionChoice>? Choices { get; init; }
    public IReadOnlyList<ChannelType>? ChannelTypes { get; init; }
    public double? MinValue { get; init; }
    public double? MaxValue { get; init; }
}

public sealed record ApplicationCommandOptionChoice
{
    public string Name { get; init; } = "";

    /// <summary>A string, integer or number.</summary>
    public JsonElement Value { get; init; }

    public static ApplicationCommandOptionChoice Of(string name, string value) =>
        new() { Name = name, Value = JsonSerializer.SerializeToElement(value) };

    public static ApplicationCommandOptionChoice Of(string name, long value) =>
        new() { Name = name, Value = JsonSerializer.SerializeToElement(value) };
}
