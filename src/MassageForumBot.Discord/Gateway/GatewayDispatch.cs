using System.Text.Json;
using MassageForumBot.Discord.Models;

namespace MassageForumBot.Discord.Gateway;

/// <summary>
/// One op 0 event as received, its payload already deserialized into <see cref="Event"/>. Events can arrive more than
/// once (replayed after a resume): handlers must be idempotent. When the host has handled it (or deliberately dropped
/// it), it calls <see cref="DiscordGatewayClient.MarkHandled"/> so the stored resume point can move past it.
/// </summary>
public sealed record GatewayDispatch
{
    public GatewayDispatch(string eventType, long? sequence, GatewayEvent @event)
    {
        EventType = eventType;
        Sequence = sequence;
        Event = @event;
    }

    /// <summary>The dispatch name ("t"), e.g. MESSAGE_CREATE.</summary>
    public string EventType { get; }

    /// <summary>The sequence number ("s"); null only for odd payloads without one.</summary>
    public long? Sequence { get; }

    public GatewayEvent Event { get; }

    /// <summary>
    /// <see cref="TimeProvider.GetTimestamp"/> of the client's clock when the event arrived. Measure the interaction
    /// 3-second deadline from here (timeProvider.GetElapsedTime(ReceivedTimestamp)), never from Discord's timestamps.
    /// </summary>
    public long ReceivedTimestamp { get; init; }

    /// <summary>Which session the sequence belongs to: a handled mark from an older session must not move a newer one.</summary>
    internal long Generation { get; init; }

    /// <summary>Builds a dispatch from its JSON payload the way the gateway does (for hosts' tests and tools).</summary>
    /// <exception cref="JsonException">The payload does not have the shape of <paramref name="eventType"/>.</exception>
    public static GatewayDispatch FromJson(string eventType, long? sequence, JsonElement data) =>
        new(eventType, sequence, GatewayEventReader.Read(eventType, data));
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

/// <summary>Dispatch event names the library models.</summary>
public static class GatewayEvents
{
    public const string Ready = "READY";
    public const string Resumed = "RESUMED";
    public const string GuildCreate = "GUILD_CREATE";
    public const string GuildDelete = "GUILD_DELETE";
    public const string GuildUpdate = "GUILD_UPDATE";
    public const string GuildRoleCreate = "GUILD_ROLE_CREATE";
    public const string GuildRoleUpdate = "GUILD_ROLE_UPDATE";
    public const string GuildRoleDelete = "GUILD_ROLE_DELETE";
    public const string ChannelCreate = "CHANNEL_CREATE";
    public const string ChannelUpdate = "CHANNEL_UPDATE";
    public const string ChannelDelete = "CHANNEL_DELETE";
    public const string ThreadCreate = "THREAD_CREATE";
    public const string ThreadUpdate = "THREAD_UPDATE";
    public const string ThreadDelete = "THREAD_DELETE";
    public const string MessageCreate = "MESSAGE_CREATE";
    public const string MessageDelete = "MESSAGE_DELETE";
    public const string MessageDeleteBulk = "MESSAGE_DELETE_BULK";
    public const string MessageReactionAdd = "MESSAGE_REACTION_ADD";
    public const string InteractionCreate = "INTERACTION_CREATE";
}
