using System.Text.Json;
using MassageForumBot.Discord.Models;

namespace MassageForumBot.Discord.Gateway;

/// <summary>The one place a dispatch payload becomes a typed <see cref="GatewayEvent"/>.</summary>
internal static class GatewayEventReader
{
    /// <exception cref="JsonException">The payload is missing or has the wrong shape for <paramref name="eventType"/>.</exception>
    public static GatewayEvent Read(string eventType, JsonElement data)
    {
        if (eventType == GatewayEvents.Resumed)
        {
            return ResumedEvent.Instance;
        }

        if (!IsKnown(eventType))
        {
            return new UnknownEvent(eventType);
        }

        if (data.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"{eventType} payload is {data.ValueKind}, not an object.");
        }

        return eventType switch
        {
            GatewayEvents.Ready => Validated(As<ReadyEvent>(data)),
            GatewayEvents.GuildCreate => As<GuildCreateEvent>(data),
            GatewayEvents.GuildDelete => As<GuildDeleteEvent>(data),
            GatewayEvents.GuildUpdate => As<GuildUpdateEvent>(data),
            GatewayEvents.GuildRoleCreate or GatewayEvents.GuildRoleUpdate => As<GuildRoleUpsertEvent>(data),
            GatewayEvents.GuildRoleDelete => As<GuildRoleDeleteEvent>(data),
            GatewayEvents.ChannelCreate or GatewayEvents.ChannelUpdate => new ChannelUpsertEvent(As<DiscordChannel>(data)),
            GatewayEvents.ChannelDelete => new ChannelDeleteEvent(As<DiscordChannel>(data)),
            GatewayEvents.ThreadCreate or GatewayEvents.ThreadUpdate => new ThreadUpsertEvent(As<DiscordChannel>(data)),
            GatewayEvents.ThreadDelete => As<ThreadDeleteEvent>(data),
            GatewayEvents.MessageCreate => new MessageCreateEvent(As<DiscordMessage>(data)),
            GatewayEvents.MessageDelete => As<MessageDeleteEvent>(data),
            GatewayEvents.MessageDeleteBulk => As<MessageDeleteBulkEvent>(data),
            GatewayEvents.MessageReactionAdd => As<ReactionAddEvent>(data),
            _ => As<InteractionCreateEvent>(data),
        };
    }

    private static bool IsKnown(string eventType) => eventType is GatewayEvents.Ready or GatewayEvents.GuildCreate
        or GatewayEvents.GuildDelete or GatewayEvents.GuildUpdate or GatewayEvents.GuildRoleCreate
        or GatewayEvents.GuildRoleUpdate or GatewayEvents.GuildRoleDelete or GatewayEvents.ChannelCreate or GatewayEvents.ChannelUpdate
        or GatewayEvents.ChannelDelete or GatewayEvents.ThreadCreate or GatewayEvents.ThreadUpdate
        or GatewayEvents.ThreadDelete or GatewayEvents.MessageCreate or GatewayEvents.MessageDelete
        or GatewayEvents.MessageDeleteBulk or GatewayEvents.MessageReactionAdd or GatewayEvents.InteractionCreate;

    private static T As<T>(JsonElement data)
        where T : class =>
        data.Deserialize<T>(DiscordJson.Options) ?? throw new JsonException($"{typeof(T).Name} payload is null.");

    /// <summary>READY without a session id or user cannot start a session: treat it like any other bad frame.</summary>
    private static ReadyEvent Validated(ReadyEvent ready)
    {
        if (string.IsNullOrEmpty(ready.SessionId) || ready.User is null || ready.User.Id == 0 || ready.Application is null)
        {
            throw new JsonException("READY lacks session_id, user or application.");
        }

        return ready;
    }
}
