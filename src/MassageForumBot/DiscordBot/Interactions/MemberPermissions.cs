using System.Globalization;
using System.Numerics;
using MassageForumBot.Discord.Models;

namespace MassageForumBot.DiscordBot.Interactions;

/// <summary>Reads the permission bitset Discord sends with every guild interaction (member.permissions, a decimal string).</summary>
public static class MemberPermissions
{
    public const ulong Administrator = 1UL << 3;
    public const ulong ManageMessages = 1UL << 13;

    /// <summary>Moderators hold MANAGE_MESSAGES or ADMINISTRATOR in the channel of the interaction.</summary>
    public static bool IsModerator(DiscordGuildMember? member) =>
        member?.Permissions is { } text
        && BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bits)
        && ((bits & ManageMessages) != 0 || (bits & Administrator) != 0);

    public const string ModeratorsOnly = "Only moderators (Manage Messages) can do that.";
}
