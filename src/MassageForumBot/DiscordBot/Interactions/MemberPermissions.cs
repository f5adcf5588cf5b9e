using System.Globalization;
using System.Numerics;
using MassageForumBot.Discord.Models;

namespace MassageForumBot.DiscordBot.Interactions;

/// <summary>Reads the permission bitset Discord sends with every guild interaction (member.permissions, a decimal string,
/// computed for the interaction's channel): enough for per-message actions; guild-wide settings use <see cref="ModeratorAuthority"/>.</summary>
public static class MemberPermissions
{
    public const ulong Administrator = 1UL << 3;
    public const ulong ManageGuild = 1UL << 5;
    public const ulong ManageMessages = 1UL << 13;

    /// <summary>Moderators hold MANAGE_MESSAGES or ADMINISTRATOR in the channel of the interaction.</summary>
    public static bool IsModerator(DiscordGuildMember? member) =>
        member?.Permissions is { } text
        && BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bits)
        && ((bits & ManageMessages) != 0 || (bits & Administrator) != 0);

    public const string ModeratorsOnly = "Only moderators (Manage Messages) can do that.";

    public const string ManagersOnly =
        "Only members with **Manage Server** (from a server role, or the owner) can change the bot's settings for the whole server. " +
        "Manage Messages in a channel is not enough.";
}
