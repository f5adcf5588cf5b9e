using System.Text.RegularExpressions;

namespace MassageForumBot.Classification.Evaluation;

/// <summary>
/// The bar from issue 8: reply whenever a post says glute*, butt, bum, booty or buttock*. It names no topic, so when
/// it is scored on real posts any glutes post it answers counts as a right reply (the model must also name the topic).
/// </summary>
public static partial class KeywordRule
{
    public const string Pattern = @"\b(glute\w*|butt|bum|booty|buttock\w*)\b";

    [GeneratedRegex(Pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Words();

    public static bool Replies(string text) => Words().IsMatch(text);
}
