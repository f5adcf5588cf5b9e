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
/// </summary>
public sealed partial class RedFlagDetector : IRedFlagDetector
{
    [GeneratedRegex(
        @"\b(dvt|deep vein|blood clot|clots?\b|thrombo\w*|calf (is )?(swollen|hot|red)|swollen (and )?(hot|red) (calf|leg)|cancer|tumou?r|chemo\w*|radiation|lump|metasta\w*|numb(ness)? in (the )?(groin|saddle)|saddle (numbness|anaesthesia|anesthesia)|(loss of|lost) (bladder|bowel)|incontinen\w*|cauda equina|pre-?eclampsia|bleeding|placenta\w*|contractions?|high[- ]risk pregnan\w*|should i (still )?massage over|safe to massage over|contraindicat\w*|unexplained weight loss|fever)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RedFlags();

    public string? Find(string text)
    {
        var match = RedFlags().Match(text);
        return match.Success ? match.Value : null;
    }
}
