namespace MassageForumBot.Classification.Features;

/// <summary>
/// Cuts a long post into overlapping passages of about 70 words, so a question asked in one paragraph of a long story
/// is scored on its own as well as inside the whole text. Short posts have no passages: the whole text is the question.
/// </summary>
public static class Passages
{
    /// <summary>A post needs more words than this before its passages are scored.</summary>
    public const int LongPostWords = 110;

    public const int PassageWords = 70;

    /// <summary>Half a passage: every stretch of 35 words lies whole inside some passage.</summary>
    public const int StrideWords = 35;

    /// <summary>Bounds the work for a very long paste (the text is clipped to <see cref="PostText.MaxNGramChars"/> first).</summary>
    public const int MaxPassages = 16;

    private static readonly char[] Spaces = [' ', '\n', '\r', '\t', '\u00A0'];

    public static IReadOnlyList<string> Of(string text)
    {
        var words = PostText.Clip(text, PostText.MaxNGramChars).Split(Spaces, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length <= LongPostWords) return [];
        var passages = new List<string>();
        for (var start = 0; passages.Count < MaxPassages; start += StrideWords)
        {
            var end = Math.Min(words.Length, start + PassageWords);
            // The last passage is full length, ending at the last word.
            var from = Math.Max(0, end - PassageWords);
            passages.Add(string.Join(' ', words, from, end - from));
            if (end == words.Length) break;
        }
        return passages;
    }
}
