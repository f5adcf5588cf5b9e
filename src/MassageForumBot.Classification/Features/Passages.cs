namespace MassageForumBot.Classification.Features;

/// <summary>
/// Cuts a long post into passages of 70 words, spread evenly from the first word to the last with a small overlap, so a
/// question asked in one paragraph of a long story is scored on its own as well as inside the whole text. Short posts
/// have no passages: the whole text is the question. The passages together are about as long as the post, so encoding
/// them costs about what encoding the post once does.
/// </summary>
public static class Passages
{
    /// <summary>A post needs more words than this before its passages are scored.</summary>
    public const int LongPostWords = 110;

    public const int PassageWords = 70;

    /// <summary>Bounds the work for a very long paste (the text is clipped to <see cref="PostText.MaxNGramChars"/> first).</summary>
    public const int MaxPassages = 12;

    private static readonly char[] Spaces = [' ', '\n', '\r', '\t', '\u00A0'];

    public static IReadOnlyList<string> Of(string text)
    {
        var words = PostText.Clip(text, PostText.MaxNGramChars).Split(Spaces, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length <= LongPostWords) return [];
        var count = Math.Min(MaxPassages, (words.Length + PassageWords - 1) / PassageWords);
        var passages = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            // Evenly spaced starts: the first passage starts at the first word, the last one ends at the last word.
            var start = (int)Math.Round((double)i * (words.Length - PassageWords) / (count - 1));
            passages.Add(string.Join(' ', words, start, PassageWords));
        }
        return passages;
    }
}
