using System.Globalization;
using System.Text;
using MassageForumBot.Classification.Data;
using MassageForumBot.Classification.Inference;

namespace MassageForumBot.Classification.Keywords;

/// <summary>A phrase and how strongly it marks a topic: z-scored smoothed log-odds, and in how many posts it occurs.</summary>
public sealed record KeywordPhrase(string Phrase, double Score, int TopicPosts, int OtherPosts);

/// <summary>The phrases chosen for one topic.</summary>
public sealed record TopicKeywords(string Topic, int Posts, IReadOnlyList<KeywordPhrase> Phrases);

public sealed record KeywordOptions
{
    /// <summary>Phrases kept per topic.</summary>
    public int Top { get; init; } = 25;

    /// <summary>A phrase must occur in at least this many of the topic's posts.</summary>
    public int MinimumPosts { get; init; } = 5;

    /// <summary>Of the training posts containing a phrase, at least this share must carry the topic: a keyword alert on a
    /// phrase that is common everywhere ("work", "back") would fire on every other post.</summary>
    public double MinimumShare { get; init; } = 0.8;

    /// <summary>Longest phrase, in words.</summary>
    public int MaxWords { get; init; } = 3;

    /// <summary>Add-alpha smoothing of the document counts.</summary>
    public double Smoothing { get; init; } = 0.5;
}

/// <summary>
/// Finds the 1-3 word phrases most indicative of each recurring topic (every label but "other") against all other rows:
/// for each phrase, the log-odds of a topic post containing it minus the log-odds of any other post containing it
/// (document counts, add-alpha smoothed), divided by its standard error, so a phrase needs to be both distinctive and common.
/// A phrase must occur in a minimum number of the topic's posts, and most posts containing it must be of the topic.
/// Phrases that start or end with a stop word ("the glutes", "do you") or are only numbers are dropped, and a phrase that
/// contains an already chosen shorter phrase is dropped too: a keyword rule matching "drape" already catches "drape the glutes".
/// </summary>
public static class KeywordExtractor
{
    public static IReadOnlyList<TopicKeywords> Extract(IReadOnlyList<LabelledPost> rows, KeywordOptions? options = null)
    {
        options ??= new KeywordOptions();
        var docs = rows.Select(r => (r.Label, Phrases: PhrasesOf(r.Text, options.MaxWords))).ToList();
        var total = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, phrases) in docs)
            foreach (var p in phrases) total[p] = total.GetValueOrDefault(p) + 1;

        var result = new List<TopicKeywords>();
        var topics = rows.Select(r => r.Label).Where(ReplyPolicy.IsReplyTopic).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var topic in topics)
        {
            var inTopic = new Dictionary<string, int>(StringComparer.Ordinal);
            var topicDocs = 0;
            foreach (var (label, phrases) in docs)
            {
                if (label != topic) continue;
                topicDocs++;
                foreach (var p in phrases) inTopic[p] = inTopic.GetValueOrDefault(p) + 1;
            }
            var otherDocs = docs.Count - topicDocs;
            var a = options.Smoothing;
            var candidates = new List<KeywordPhrase>();
            foreach (var (phrase, t) in inTopic)
            {
                if (t < options.MinimumPosts || !IsUsable(phrase)) continue;
                var o = total[phrase] - t;
                if ((double)t / (t + o) < options.MinimumShare) continue;
                double tIn = t + a, tOut = topicDocs - t + a, oIn = o + a, oOut = otherDocs - o + a;
                var logOdds = Math.Log(tIn / tOut) - Math.Log(oIn / oOut);
                if (logOdds <= 0) continue;
                var z = logOdds / Math.Sqrt(1 / tIn + 1 / tOut + 1 / oIn + 1 / oOut);
                candidates.Add(new KeywordPhrase(phrase, z, t, o));
            }

            var chosen = new List<KeywordPhrase>();
            foreach (var c in candidates.OrderByDescending(c => c.Score).ThenBy(c => c.Phrase, StringComparer.Ordinal))
            {
                if (chosen.Count >= options.Top) break;
                // A rule on a shorter phrase already matches every post a longer phrase containing it matches.
                if (chosen.Any(k => ContainsPhrase(c.Phrase, k.Phrase))) continue;
                chosen.RemoveAll(k => ContainsPhrase(k.Phrase, c.Phrase));
                chosen.Add(c);
            }
            result.Add(new TopicKeywords(topic, topicDocs, chosen));
        }
        return result;
    }

    /// <summary>Lower-case words: letters and digits, apostrophes kept inside words ("don't"), everything else splits.</summary>
    public static IReadOnlyList<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var normalised = text.ToLowerInvariant().Replace('\u2019', '\'').Replace('\u2018', '\'');
        for (var i = 0; i < normalised.Length; i++)
        {
            var c = normalised[i];
            if (char.IsLetterOrDigit(c)
                || (c == '\'' && current.Length > 0 && i + 1 < normalised.Length && char.IsLetter(normalised[i + 1])))
            {
                current.Append(c);
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
        if (current.Length > 0) words.Add(current.ToString());
        return words;
    }

    /// <summary>Every distinct 1..maxWords-word phrase of a text.</summary>
    public static HashSet<string> PhrasesOf(string text, int maxWords)
    {
        var words = Words(text);
        var phrases = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < words.Count; i++)
            for (var n = 1; n <= maxWords && i + n <= words.Count; n++)
                phrases.Add(string.Join(' ', words.Skip(i).Take(n)));
        return phrases;
    }

    private static bool IsUsable(string phrase)
    {
        var words = phrase.Split(' ');
        if (StopWords.Contains(words[0]) || StopWords.Contains(words[^1])) return false;
        if (words.All(w => w.All(char.IsDigit))) return false;
        return words.Length > 1 || words[0].Length > 1;
    }

    private static bool ContainsPhrase(string longer, string shorter) =>
        longer.Length > shorter.Length && $" {longer} ".Contains($" {shorter} ", StringComparison.Ordinal);

    /// <summary>Common English function words and chat filler; a keyword made of these would match almost every post.</summary>
    public static readonly IReadOnlySet<string> StopWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "anyone", "are", "aren't", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "can't", "could", "couldn't",
        "did", "didn't", "do", "does", "doesn't", "doing", "don't", "down", "during", "each", "else", "even", "ever", "every", "few", "for", "from",
        "further", "get", "gets", "getting", "got", "had", "hadn't", "has", "hasn't", "have", "haven't", "having", "he", "her", "here", "hers",
        "herself", "him", "himself", "his", "how", "i", "i'd", "i'll", "i'm", "i've", "if", "im", "in", "into", "is", "isn't", "it", "it's", "its",
        "itself", "just", "like", "let's", "lol", "me", "more", "most", "much", "my", "myself", "no", "nor", "not", "now", "of", "off", "ok", "okay",
        "on", "once", "one", "only", "or", "other", "ought", "our", "ours", "ourselves", "out", "over", "own", "really", "same", "she", "should",
        "shouldn't", "so", "some", "still", "such", "than", "that", "that's", "the", "their", "theirs", "them", "themselves", "then", "there",
        "there's", "these", "they", "they're", "this", "those", "through", "to", "too", "u", "under", "until", "up", "ur", "us", "very", "was",
        "wasn't", "we", "we're", "were", "weren't", "what", "what's", "when", "where", "which", "while", "who", "whom", "why", "will", "with",
        "won't", "would", "wouldn't", "yes", "you", "you're", "your", "yours", "yourself", "yourselves", "y'all", "ya", "gonna", "wanna",
        "someone", "something", "thing", "things", "way", "lot", "bit", "kind", "sort", "pretty", "actually", "always", "never",
        "know", "think", "want", "make", "say", "said", "go", "going", "see", "question", "thanks", "thank", "please", "hi", "hey", "guys",
    };

    internal static string Invariant(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
