using System.Globalization;
using System.Text.Json;
using MassageForumBot.Discord.Models;

namespace MassageForumBot.DiscordBot.Interactions;

/// <summary>Reads a slash command's subcommand and option values.</summary>
public sealed record CommandOptions(string Command, string? Subcommand, IReadOnlyList<InteractionDataOption> Values)
{
    public static CommandOptions From(InteractionData data)
    {
        var sub = data.Options?.FirstOrDefault(o => o.Type == ApplicationCommandOptionType.SubCommand);
        return new CommandOptions(data.Name ?? "", sub?.Name, (sub is null ? data.Options : sub.Options) ?? []);
    }

    public string? String(string name) => Value(name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : Value(name)?.GetRawText();

    public double? Number(string name) => Value(name) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : null;

    /// <summary>Channel, user and role options arrive as snowflake strings.</summary>
    public ulong? Snowflake(string name) =>
        ulong.TryParse(String(name), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private JsonElement? Value(string name) => Values.FirstOrDefault(o => o.Name == name)?.Value;
}
