using System.Buffers;
using System.Text.Json;

namespace MassageForumBot.Discord.Gateway;

/// <summary>Writes the payloads the client sends. Payloads with the token are never logged.</summary>
internal static class GatewayPayloads
{
    public const int MaxPayloadBytes = 4096;
    public const string ClientName = "massageforumbot";

    public static byte[] Heartbeat(long? sequence) => Write(w =>
    {
        w.WriteNumber("op", GatewayOpCodes.Heartbeat);
        if (sequence is { } s)
        {
            w.WriteNumber("d", s);
        }
        else
        {
            w.WriteNull("d");
        }
    });

    public static byte[] Identify(DiscordClientOptions options) => Write(w =>
    {
        w.WriteNumber("op", GatewayOpCodes.Identify);
        w.WriteStartObject("d");
        w.WriteString("token", options.Token);
        w.WriteNumber("intents", (int)options.Intents);
        w.WriteStartObject("properties");
        w.WriteString("os", OperatingSystemName());
        w.WriteString("browser", ClientName);
        w.WriteString("device", ClientName);
        w.WriteEndObject();
        if (options.ShardCount > 1)
        {
            w.WriteStartArray("shard");
            w.WriteNumberValue(options.ShardId);
            w.WriteNumberValue(options.ShardCount);
            w.WriteEndArray();
        }

        w.WriteEndObject();
    });

    public static byte[] Resume(string token, GatewaySession session) => Write(w =>
    {
        w.WriteNumber("op", GatewayOpCodes.Resume);
        w.WriteStartObject("d");
        w.WriteString("token", token);
        w.WriteString("session_id", session.SessionId);
        w.WriteNumber("seq", session.Sequence);
        w.WriteEndObject();
    });

    private static string OperatingSystemName() =>
        OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "macos" : OperatingSystem.IsLinux() ? "linux" : "unknown";

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
