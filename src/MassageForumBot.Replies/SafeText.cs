using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MassageForumBot.Replies;

/// <summary>
/// Makes text safe to post: neutralizes mention syntax (@everyone, @here, &lt;@id&gt;, &lt;@!id&gt;, &lt;@&amp;id&gt;,
/// &lt;#id&gt;) with a zero-width space and flattens user text to one plain line without Markdown markup.
/// The bot also sends allowed_mentions with parse [], so this is defence in depth.
/// </summary>
public static partial class SafeText
{
    /// <summary>The zero-width space used to break mention syntax.</summary>
    public const char ZeroWidthSpace = '\u200B';

    /// <summary>Breaks every mention form in text we post, leaving everything else as it is. Idempotent.</summary>
    public static string NeutralizeMentions(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var result = EveryoneOrHere().Replace(text, "@" + ZeroWidthSpace);
        return AngleMention().Replace(result, "<" + ZeroWidthSpace);
    }

    /// <summary>
    /// User text (a thread title) as one plain line: control and invisible format characters removed, whitespace
    /// collapsed, Markdown markup characters dropped, square brackets made round, every '@' broken, shortened to
    /// <paramref name="maxLength"/> with an ellipsis.
    /// </summary>
    public static string UserLine(string? text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 8);
        var builder = new StringBuilder((text ?? string.Empty).Length);
        var lastWasSpace = true;
        foreach (var c in text ?? string.Empty)
        {
            var category = char.GetUnicodeCategory(c);
            if (char.IsWhiteSpace(c) || category is UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                    lastWasSpace = true;
                }

                continue;
            }

            if (category == UnicodeCategory.Format || c is '*' or '_' or '~' or '`' or '|' or '\\')
            {
                continue;
            }

            builder.Append(c switch { '[' => '(', ']' => ')', _ => c });
            lastWasSpace = false;
        }

        var line = builder.ToString().Trim();
        if (line.Length == 0)
        {
            return "(untitled)";
        }

        line = Truncate(line, maxLength);
        return line.Replace("@", "@" + ZeroWidthSpace, StringComparison.Ordinal)
            .Replace("<#", "<" + ZeroWidthSpace + "#", StringComparison.Ordinal);
    }

    /// <summary>Shortens text to at most <paramref name="maxLength"/> characters, ending with an ellipsis, never splitting a surrogate pair.</summary>
    public static string Truncate(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = maxLength - 1;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        var space = text.LastIndexOf(' ', cut - 1);
        if (space > maxLength * 2 / 3)
        {
            cut = space;
        }

        return text[..cut].TrimEnd() + "…";
    }

    [GeneratedRegex("@(?=everyone|here)", RegexOptions.IgnoreCase)]
    private static partial Regex EveryoneOrHere();

    [GeneratedRegex(@"<(?=(?:@[!&]?|#)\d+>|/[^>\s]+:\d+>)")]
    private static partial Regex AngleMention();
}
