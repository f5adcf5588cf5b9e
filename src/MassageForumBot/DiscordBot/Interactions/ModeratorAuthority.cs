using MassageForumBot.Discord.Models;
using MassageForumBot.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace MassageForumBot.DiscordBot.Interactions;

/// <summary>
/// Who may change a guild's settings: members with MANAGE_GUILD at guild level. The interaction's
/// member.permissions is computed for the channel, where an overwrite can grant a permission in one channel only, so
/// guild permissions are computed here from the roles: @everyone OR each of the member's roles; ADMINISTRATOR
/// implies all, and the owner has all. A guild not cached is fetched (GET /guilds/{id}); when Discord cannot be
/// asked, the answer is no.
/// </summary>
public sealed class ModeratorAuthority
{
    private readonly GuildDirectory _guilds;
    private readonly DiscordRestClient _rest;
    private readonly ILogger<ModeratorAuthority> _log;

    public ModeratorAuthority(GuildDirectory guilds, DiscordRestClient rest, ILogger<ModeratorAuthority> log)
    {
        _guilds = guilds;
        _rest = rest;
        _log = log;
    }

    public async Task<bool> CanManageGuildAsync(InteractionCreateEvent interaction, CancellationToken cancel)
    {
        if (interaction.GuildId is not { } guildId || interaction.Member?.User is not { } user) return false;
        try
        {
            var guild = _guilds.Find(guildId) ?? await FetchGuildAsync(guildId, cancel);
            var roles = interaction.Member.Roles ?? (await _rest.GetGuildMemberAsync(guildId, user.Id, cancel)).Roles ?? [];
            return (GuildPermissions.Of(guild, user.Id, roles) & MemberPermissions.ManageGuild) != 0;
        }
        catch (DiscordRestException e)
        {
            _log.LogWarning("Could not read the roles of guild {GuildId} to check MANAGE_GUILD; refusing: {Message}", guildId, e.Message);
            return false;
        }
    }

    private async Task<GuildRoles> FetchGuildAsync(ulong guildId, CancellationToken cancel)
    {
        var guild = await _rest.GetGuildAsync(guildId, cancel);
        _guilds.Set(guild);
        return _guilds.Find(guildId)!;
    }
}

/// <summary>Discord's guild-level permission computation (no channel overwrites).</summary>
public static class GuildPermissions
{
    public const ulong All = ulong.MaxValue;

    public static ulong Of(GuildRoles guild, ulong userId, IEnumerable<ulong> memberRoles)
    {
        if (userId == guild.OwnerId) return All;
        // The @everyone role's id is the guild's id.
        var bits = guild.RolePermissions.GetValueOrDefault(guild.GuildId);
        foreach (var role in memberRoles) bits |= guild.RolePermissions.GetValueOrDefault(role);
        return (bits & MemberPermissions.Administrator) != 0 ? All : bits;
    }
}
