using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using MassageForumBot.Discord.Models;

namespace MassageForumBot.DiscordBot;

/// <summary>What decides a member's guild-level permissions: the owner and each role's permission bits.</summary>
public sealed record GuildRoles(ulong GuildId, ulong OwnerId, ImmutableDictionary<ulong, ulong> RolePermissions)
{
    public static GuildRoles From(ulong guildId, ulong ownerId, IEnumerable<DiscordRole> roles) =>
        new(guildId, ownerId, roles.ToImmutableDictionary(r => r.Id, r => Bits(r.Permissions)));

    /// <summary>Discord sends permissions as a decimal string; bits beyond 64 are not ones the bot checks.</summary>
    public static ulong Bits(string? permissions) =>
        BigInteger.TryParse(permissions, NumberStyles.None, CultureInfo.InvariantCulture, out var bits)
            ? (ulong)(bits & ulong.MaxValue)
            : 0;
}

/// <summary>
/// Each guild's owner and roles, from GUILD_CREATE, kept current by GUILD_UPDATE and GUILD_ROLE_CREATE / UPDATE /
/// DELETE, and forgotten when the bot leaves the guild. A guild missing here is fetched over REST by
/// <see cref="Interactions.ModeratorAuthority"/>.
/// </summary>
public sealed class GuildDirectory
{
    private readonly ConcurrentDictionary<ulong, GuildRoles> _guilds = new();

    public void AddGuild(GuildCreateEvent guild) => _guilds[guild.Id] = GuildRoles.From(guild.Id, guild.OwnerId, guild.Roles);

    public void Update(GuildUpdateEvent guild) => _guilds[guild.Id] = GuildRoles.From(guild.Id, guild.OwnerId, guild.Roles);

    public void Set(DiscordGuild guild) => _guilds[guild.Id] = GuildRoles.From(guild.Id, guild.OwnerId, guild.Roles);

    /// <summary>A role of a guild not cached yet is ignored: the whole guild is fetched when it is needed.</summary>
    public void UpsertRole(ulong guildId, DiscordRole role) =>
        Change(guildId, g => g with { RolePermissions = g.RolePermissions.SetItem(role.Id, GuildRoles.Bits(role.Permissions)) });

    public void RemoveRole(ulong guildId, ulong roleId) =>
        Change(guildId, g => g with { RolePermissions = g.RolePermissions.Remove(roleId) });

    public void Remove(ulong guildId) => _guilds.TryRemove(guildId, out _);

    public GuildRoles? Find(ulong guildId) => _guilds.TryGetValue(guildId, out var guild) ? guild : null;

    private void Change(ulong guildId, Func<GuildRoles, GuildRoles> change)
    {
        while (_guilds.TryGetValue(guildId, out var current))
        {
            if (_guilds.TryUpdate(guildId, change(current), current)) return;
        }
    }
}
