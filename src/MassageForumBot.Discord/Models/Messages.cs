using System.Text.Json.Serialization;

namespace MassageForumBot.Discord.Models;

/// <summary>
/// Every message body the bot sends (creates, edits, interaction answers). The one place allowed_mentions is set:
/// always {"parse": []}, so the bot never pings anyone, whatever the text contains.
/// </summary>
public abstract record OutgoingMessage
{
    public AllowedMentions AllowedMentions => AllowedMentions.None;
}

/// <summary>Body of POST /channels/{id}/messages.</summary>
public sealed record CreateMessageRequest : OutgoingMessage
{
    public string? Content { get; init; }
    public IReadOnlyList<Embed>? Embeds { get; init; }
    public DiscordMessageReference? MessageReference { get; init; }
    public IReadOnlyList<MessageComponent>? Components { get; init; }

    /// <summary>At most 25 characters. The REST client generates one when null (creates only).</summary>
    public string? Nonce { get; init; }

    /// <summary>With a nonce, a repeated create returns the existing message instead of a duplicate.</summary>
    public bool? EnforceNonce { get; init; }

    /// <summary>E.g. 4 SUPPRESS_EMBEDS, 4096 SUPPRESS_NOTIFICATIONS.</summary>
    public int? Flags { get; init; }
}

/// <summary>Body of PATCH /channels/{c}/messages/{m} and PATCH /webhooks/{app}/{token}/messages/@original.</summary>
public sealed record EditMessageRequest : OutgoingMessage
{
    public string? Content { get; init; }
    public IReadOnlyList<Embed>? Embeds { get; init; }
    public IReadOnlyList<MessageComponent>? Components { get; init; }
    public int? Flags { get; init; }
}

/// <summary>allowed_mentions as the bot sends it: nothing may ping.</summary>
public sealed record AllowedMentions
{
    private AllowedMentions()
    {
    }

    /// <summary>Suppresses every mention: {"parse": []}.</summary>
    public static AllowedMentions None { get; } = new();

    /// <summary>Always empty: no "users", "roles" or "everyone".</summary>
    public IReadOnlyList<string> Parse => [];
}

public sealed record Embed
{
    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? Url { get; init; }
    public int? Color { get; init; }
    public IReadOnlyList<EmbedField>? Fields { get; init; }
    public EmbedFooter? Footer { get; init; }
    public EmbedAuthor? Author { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
}

public sealed record EmbedField
{
    public EmbedField()
    {
    }

    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public EmbedField(string name, string value, bool? inline = null)
    {
        Name = name;
        Value = value;
        Inline = inline;
    }

    public required string Name { get; init; }
    public required string Value { get; init; }
    public bool? Inline { get; init; }
}

public sealed record EmbedFooter
{
    public string Text { get; init; } = "";
}

public sealed record EmbedAuthor
{
    public string Name { get; init; } = "";
    public string? Url { get; init; }
}

/// <summary>Legacy message components. The "type" discriminator is written by the serializer.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", IgnoreUnrecognizedTypeDiscriminators = true)]
[JsonDerivedType(typeof(ActionRow), 1)]
[JsonDerivedType(typeof(Button), 2)]
[JsonDerivedType(typeof(StringSelect), 3)]
public abstract record MessageComponent;

public sealed record ActionRow : MessageComponent
{
    public ActionRow()
    {
    }

    public ActionRow(params MessageComponent[] components) => Components = components;

    /// <summary>At most 5 buttons or 1 select.</summary>
    public IReadOnlyList<MessageComponent> Components { get; init; } = [];
}

public enum ButtonStyle
{
    Primary = 1,
    Secondary = 2,
    Success = 3,
    Danger = 4,
    Link = 5,
}

public sealed record Button : MessageComponent
{
    public ButtonStyle Style { get; init; } = ButtonStyle.Secondary;

    /// <summary>At most 80 characters.</summary>
    public string? Label { get; init; }

    /// <summary>Required for styles 1-4, 1-100 characters.</summary>
    public string? CustomId { get; init; }

    /// <summary>Required for <see cref="ButtonStyle.Link"/>.</summary>
    public string? Url { get; init; }
    public bool? Disabled { get; init; }
    public DiscordEmoji? Emoji { get; init; }
}

public sealed record StringSelect : MessageComponent
{
    public string CustomId { get; init; } = "";
    public IReadOnlyList<SelectOption> Options { get; init; } = [];
    public string? Placeholder { get; init; }
    public int? MinValues { get; init; }
    public int? MaxValues { get; init; }
    public bool? Disabled { get; init; }
}

public sealed record SelectOption
{
    public string Label { get; init; } = "";
    public string Value { get; init; } = "";
    public string? Description { get; init; }
    public bool? Default { get; init; }
}
