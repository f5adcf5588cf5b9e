using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MassageForumBot.Decisions;

/// <summary>Finds clinical red flags in a post: cheap, so it runs before the model.</summary>
public interface IRedFlagDetector
{
    /// <summary>The first red-flag phrase in the text, or null.</summary>
    string? Find(string text);
}

/// <summary>
/// Posts with clinical red flags are never auto-answered, whatever the topic score: a summary about glute work is the
/// wrong answer to a possible clot, a cancer question or a pregnancy complication. They are left to people.
/// Matching runs on normalised text (<see cref="Normalise"/>), so zero-width characters, fullwidth forms and
/// look-alike Cyrillic or Greek letters do not hide a red flag.
/// </summary>
public sealed partial class RedFlagDetector : IRedFlagDetector
{
    [GeneratedRegex(
        @"\b(dvt|deep vein|blood clot|clots?\b|thrombo\w*|calf (is )?(swollen|hot|red)|swollen (and )?(hot|red) (calf|leg)|cancer|tumou?r|chemo\w*|radiation|lump|metasta\w*|numb(ness)? in (the )?(groin|saddle)|saddle (numbness|anaesthesia|anesthesia)|(loss of|lost) (bladder|bowel)|incontinen\w*|cauda equina|pre-?eclampsia|bleeding|placenta\w*|contractions?|high[- ]risk pregnan\w*|should i (still )?massage over|safe to massage over|contraindicat\w*|unexplained weight loss|fever)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RedFlags();

    public string? Find(string text)
    {
        var match = RedFlags().Match(Normalise(text));
        return match.Success ? match.Value : null;
    }

    /// <summary>
    /// NFKC, then drops format characters (Unicode category Cf: zero-width space/joiners, word joiner, BOM, soft
    /// hyphen...), folds Cyrillic and Greek letters that look like Latin ones and lowercases.
    /// </summary>
    public static string Normalise(string text)
    {
        var nfkc = ToNfkc(text);
        var sb = new StringBuilder(nfkc.Length);
        foreach (var raw in nfkc)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(raw) == UnicodeCategory.Format)
                continue;
            // Fullwidth ASCII (U+FF01..U+FF5E) and the ideographic space: NFKC maps these too, but the app runs with
            // InvariantGlobalization, where string normalisation may be a no-op, so fold them explicitly.
            var c = raw switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(raw - 0xFEE0),
                '\u3000' => ' ',
                _ => raw,
            };
            var lower = char.ToLowerInvariant(c);
            sb.Append(LookAlikes.TryGetValue(lower, out var latin) ? latin : lower);
        }
        return sb.ToString();
    }

    private static string ToNfkc(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormKC);
        }
        catch (PlatformNotSupportedException)
        {
            return text;
        }
        catch (ArgumentException)
        {
            return text; // invalid code points (lone surrogates): match on the raw text
        }
    }

    private static readonly Dictionary<char, char> LookAlikes = new()
    {
        // Cyrillic
        ['а'] = 'a', ['в'] = 'b', ['е'] = 'e', ['ё'] = 'e', ['о'] = 'o', ['р'] = 'p', ['с'] = 'c', ['х'] = 'x',
        ['у'] = 'y', ['і'] = 'i', ['ї'] = 'i', ['ј'] = 'j', ['ѕ'] = 's', ['к'] = 'k', ['м'] = 'm', ['т'] = 't',
        ['н'] = 'h', ['ԁ'] = 'd', ['ԛ'] = 'q', ['ԝ'] = 'w', ['һ'] = 'h', ['ӏ'] = 'l', ['ɡ'] = 'g', ['г'] = 'r',
        ['п'] = 'n', ['ь'] = 'b',
        // Greek
        ['ο'] = 'o', ['α'] = 'a', ['ε'] = 'e', ['ι'] = 'i', ['κ'] = 'k', ['ν'] = 'v', ['ρ'] = 'p', ['τ'] = 't',
        ['υ'] = 'u', ['χ'] = 'x', ['β'] = 'b', ['η'] = 'n', ['μ'] = 'u', ['ς'] = 's', ['γ'] = 'y',
    };
}
