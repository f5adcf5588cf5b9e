using System.Text.Json;
using MassageForumBot.Discord.Models;

namespace MassageForumBot.Discord.Gateway;

/// <summary>
/// One op 0 event as received. Unknown event types are ordinary dispatches: read <see cref="EventType"/> and ignore
/// what you do not handle. Events can arrive more than once (e.g. replayed on resume): handlers must be idempotent.
/// </summary>
public sealed record GatewayDispatch(string EventType, int? Sequence, JsonElement Data)
{
    /// <summary>
    /// <see cref="TimeProvider.GetTimestamp"/> of the client's clock when the event arrived. Measure the interaction
    /// 3-second deadline from here (timeProvider.GetElapsedTime(ReceivedTimestamp)), never from Discord's timestamps.
    /// </summary>
    public long ReceivedTimestamp { get; init; }

    /// <summary>Deserializes <see cref="Data"/> with <see cref="DiscordJson.Options"/>.</summary>
    public T Deserialize<T>() =>
        Data.Deserialize<T>(DiscordJson.Options)
        ?? throw new JsonException($"Dispatch {EventType} has null data.");
}

/// <summary>Gateway opcodes.</summary>
public static class GatewayOpCodes
{
    public const int Dispatch = 0;
    public const int Heartbeat = 1;
    public const int Identify = 2;
    public const int PresenceUpdate = 3;
    public const int Resume = 6;
    public const int Reconnect = 7;
    public const int InvalidSession = 9;
    public const int Hello = 10;
    public const int HeartbeatAck = 11;
}

/// <summary>Dispatch event names the bot uses.</summary>
public static class GatewayEvents
{
    public const string Ready = "READY";
    public const string Resumed = "RESUMED";
    public const string GuildCreate = "GUILD_CREATE";
    public const string ChannelCreate = "CHANNEL_CREATE";
    public const string ThreadCreate = "THREAD_CREATE";
    public const string ThreadUpdate = "THREAD_UPDATE";
    public const string ThreadDelete = "THREAD_DELETE";
    public const string MessageCreate = "MESSAGE_CREATE";
    public const string MessageUpdate = "MESSAGE_UPDATE";
    public const string MessageDelete = "MESSAGE_DELETE";
    public const string MessageReactionAdd = "MESSAGE_REACTION_ADD";
    public const string InteractionCreate = "INTERACTION_CREATE";
}
