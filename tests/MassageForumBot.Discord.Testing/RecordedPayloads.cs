using System.Reflection;

namespace MassageForumBot.Discord.Testing;

/// <summary>
/// Realistic gateway dispatch envelopes ({op, s, t, d}) written after the discord-api-docs examples, for tests that
/// round-trip them through the model types or replay them through <see cref="FakeGatewayConnection.SendRawAsync"/>.
/// </summary>
public static class RecordedPayloads
{
    public static string Ready => Load("READY");

    public static string GuildCreate => Load("GUILD_CREATE");

    public static string MessageCreate => Load("MESSAGE_CREATE");

    public static string ThreadCreate => Load("THREAD_CREATE");

    public static string InteractionCreate => Load("INTERACTION_CREATE");

    /// <summary>The event names that have a recorded payload.</summary>
    public static IReadOnlyList<string> Names { get; } = ["READY", "GUILD_CREATE", "MESSAGE_CREATE", "THREAD_CREATE", "INTERACTION_CREATE"];

    /// <summary>The envelope for <paramref name="eventName"/>, e.g. "MESSAGE_CREATE".</summary>
    public static string Load(string eventName)
    {
        var assembly = typeof(RecordedPayloads).Assembly;
        var resource = $"MassageForumBot.Discord.Testing.Payloads.{eventName}.json";
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new ArgumentException($"No recorded payload named {eventName}.", nameof(eventName));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The "d" part of a recorded envelope as JSON text.</summary>
    public static string LoadData(string eventName)
    {
        using var document = System.Text.Json.JsonDocument.Parse(Load(eventName));
        return document.RootElement.GetProperty("d").GetRawText();
    }

    internal static Assembly Assembly => typeof(RecordedPayloads).Assembly;
}
