using System.Text.RegularExpressions;
using MassageForumBot.Classification.Inference;

namespace MassageForumBot.Classification.Evaluation;

/// <summary>
/// What a Carl-bot or YAGPDB autoresponder would do: reply when a glute/butt word appears, and pick the topic by
/// a second keyword list. Kept as the bar the trained model must clearly beat.
/// </summary>
public static partial class KeywordBaseline
{
    [GeneratedRegex(@"\b(glute\w*|gluteus|gluteal|butt|butts|buttock\w*|bum|bums|booty|backside|tush\w*|derriere)\b", RegexOptions.IgnoreCase)]
    private static partial Regex GluteWords();

    [GeneratedRegex(@"\b(back ?pain|low(er)? back|lbp|lumbar|sciatic\w*|si joint|back ache|backache|sore back)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BackWords();

    [GeneratedRegex(@"\b(drap\w*|sheet|underwear|undies|panties|knickers|thong|boxers|briefs|consent|naked|undress\w*|clothes|clothing)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DrapingWords();

    public static string Predict(string text)
    {
        if (!GluteWords().IsMatch(text)) return ReplyPolicy.NoReplyLabel;
        if (BackWords().IsMatch(text)) return "glutes-lowback";
        if (DrapingWords().IsMatch(text)) return "glutes-draping";
        return "glutes-routine";
    }
}
