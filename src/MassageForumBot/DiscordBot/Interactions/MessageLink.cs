using System.Globalization;
using System.Text.RegularExpressions;

namespace MassageForumBot.DiscordBot.Interactions;

/// <summary>A message named by a moderator: a jump link (guild, channel, message) or a bare message id.</summary>
public sealed partial record MessageLink(ulong MessageId, ulong? GuildId, ulong? ChannelId)
{
    [GeneratedRegex(@"^https?://(?:(?:ptb|canary)\.)?discord(?:app)?\.com/channels/(\d+|@me)/(\d+)/(\d+)/?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Link();

    public static MessageLink? Parse(string? text)
    {
        text = text?.Trim().Trim('<', '>');
        if (string.IsNullOrEmpty(text)) return null;
        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return new MessageLink(id, null, null);
        var match = Link().Match(text);
        if (!match.Success) return null;
        ulong? guild = ulong.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var g) ? g : null;
        return new MessageLink(ulong.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture), guild,
            ulong.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }
}
