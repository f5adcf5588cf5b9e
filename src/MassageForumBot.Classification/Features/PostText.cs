namespace MassageForumBot.Classification.Features;

/// <summary>Bounds the text a post contributes to features, so a 100 KB paste costs no more than a long post.</summary>
public static class PostText
{
    /// <summary>Characters kept for n-gram features.</summary>
    public const int MaxNGramChars = 4000;

    /// <summary>Characters kept for the sentence encoder, whose window is 512 tokens.</summary>
    public const int MaxEmbeddingChars = 1200;

    /// <summary>Keeps the head and the tail of a long post: members often tell the story first and ask at the end.</summary>
    public static string Clip(string text, int maxChars)
    {
        if (text.Length <= maxChars) return text;
        var head = maxChars * 2 / 5;
        var tail = maxChars - head - 1;
        return string.Concat(text.AsSpan(0, head), " ", text.AsSpan(text.Length - tail));
    }
}
