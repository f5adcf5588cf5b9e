using MassageForumBot.Classification.Data;
using MassageForumBot.Classification.Keywords;
using MassageForumBot.Classification.Tests.Support;

namespace MassageForumBot.Classification.Tests.Keywords;

public sealed class KeywordExtractorTests
{
    private static readonly IReadOnlyList<TopicKeywords> Small = KeywordExtractor.Extract(Rows.SmallDataset());

    private static IReadOnlyList<string> PhrasesOf(string topic) => Small.Single(t => t.Topic == topic).Phrases.Select(p => p.Phrase).ToList();

    [Fact]
    public void Every_glutes_topic_gets_a_list_and_other_gets_none()
    {
        Assert.Equal(["glutes-draping", "glutes-lowback", "glutes-routine"], Small.Select(t => t.Topic));
        Assert.All(Small, t => Assert.Equal(15, t.Posts));
    }

    [Fact]
    public void Each_topics_own_words_are_found()
    {
        var draping = PhrasesOf("glutes-draping");
        var lowback = PhrasesOf("glutes-lowback");
        var routine = PhrasesOf("glutes-routine");

        Assert.Contains("drape", draping);
        Assert.Contains("sheet", draping);
        Assert.Contains("consent", draping);
        Assert.Contains("lumbar", lowback);
        Assert.Contains("glute", lowback);
        Assert.Contains("routine", routine);
    }

    [Fact]
    public void Words_typical_of_other_posts_and_words_shared_by_several_topics_are_left_out()
    {
        var all = Small.SelectMany(t => t.Phrases.Select(p => p.Phrase)).ToList();

        foreach (var otherWord in new[] { "booking", "software", "invoices", "rent", "practice", "booking software" })
            Assert.DoesNotContain(otherWord, all);
        // "glutes" is in the draping and the routine posts alike: half the posts that use it are another topic.
        Assert.DoesNotContain("glutes", PhrasesOf("glutes-draping"));
        Assert.DoesNotContain("glutes", PhrasesOf("glutes-routine"));
        // Filler words that every label's posts end with.
        Assert.DoesNotContain("today", all);
    }

    [Fact]
    public void No_phrase_starts_or_ends_with_a_stop_word_and_none_contains_another_chosen_phrase()
    {
        foreach (var topic in Small)
        {
            var phrases = topic.Phrases.Select(p => p.Phrase).ToList();
            Assert.All(phrases, p =>
            {
                var words = p.Split(' ');
                Assert.InRange(words.Length, 1, 3);
                Assert.DoesNotContain(words[0], KeywordExtractor.StopWords);
                Assert.DoesNotContain(words[^1], KeywordExtractor.StopWords);
            });
            foreach (var p in phrases)
                Assert.DoesNotContain(phrases, q => q != p && $" {q} ".Contains($" {p} ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Phrases_meet_the_minimum_post_count_and_are_sorted_most_indicative_first()
    {
        var options = new KeywordOptions { MinimumPosts = 4, Top = 6 };
        var topics = KeywordExtractor.Extract(Rows.SmallDataset(), options);

        Assert.All(topics, t =>
        {
            Assert.InRange(t.Phrases.Count, 1, 6);
            Assert.All(t.Phrases, p => Assert.True(p.TopicPosts >= 4, $"{p.Phrase} in {p.TopicPosts} posts"));
            Assert.Equal(t.Phrases.Select(p => p.Score).OrderByDescending(s => s), t.Phrases.Select(p => p.Score));
        });
    }

    [Fact]
    public void A_phrase_in_too_few_posts_is_not_chosen_however_exclusive()
    {
        // "tuck" is in one group of 3 draping posts only.
        Assert.DoesNotContain("tuck", PhrasesOf("glutes-draping"));
        var lenient = KeywordExtractor.Extract(Rows.SmallDataset(), new KeywordOptions { MinimumPosts = 3, Top = 100 });
        Assert.Contains("tuck", lenient.Single(t => t.Topic == "glutes-draping").Phrases.Select(p => p.Phrase));
    }

    [Fact]
    public void Words_are_lower_cased_keep_inner_apostrophes_and_split_on_punctuation()
    {
        Assert.Equal(["don't", "drape", "the", "glutes", "client's", "sheet", "90", "min"],
            KeywordExtractor.Words("Don’t DRAPE the glutes!! (client's sheet) 90-min"));
        Assert.Contains("drape the glutes", KeywordExtractor.PhrasesOf("Drape the glutes.", 3));
        Assert.DoesNotContain("drape the", KeywordExtractor.PhrasesOf("Drape the glutes.", 1));
    }

    [Fact]
    public void Export_has_the_pasting_note_a_comment_line_per_topic_one_phrase_per_line_and_a_comma_line()
    {
        var text = KeywordExport.Render(Small, "models/data", 60, new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero));
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        Assert.StartsWith("# Keywords for Facebook group admin tools", lines[0]);
        Assert.Contains(lines, l => l.StartsWith('#') && l.Contains("Admin tools > Admin Assist", StringComparison.Ordinal) && l.Contains("'Post contains keywords'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith('#') && l.Contains("Keyword alerts", StringComparison.Ordinal));
        foreach (var topic in Small)
        {
            var header = lines.FindIndex(l => l.StartsWith($"# {topic.Topic}: ", StringComparison.Ordinal));
            Assert.True(header >= 0, $"no heading for {topic.Topic}");
            Assert.Equal(topic.Phrases.Select(p => p.Phrase), lines.Skip(header + 1).Take(topic.Phrases.Count));
            Assert.Equal("", lines[header + 1 + topic.Phrases.Count]);
            var commaHeader = lines.IndexOf($"# {topic.Topic}");
            Assert.Equal(string.Join(", ", topic.Phrases.Select(p => p.Phrase)), lines[commaHeader + 1]);
        }
        // Every line is a note, a blank, or a phrase list: nothing else to trip over when pasting.
        var phrases = Small.SelectMany(t => t.Phrases.Select(p => p.Phrase)).ToHashSet();
        Assert.All(lines, l => Assert.True(l.Length == 0 || l.StartsWith('#') || phrases.Contains(l) || l.Contains(", ", StringComparison.Ordinal), l));
    }

    [Fact]
    public void Rows_without_a_glutes_label_give_no_topics()
    {
        IReadOnlyList<LabelledPost> onlyOther = Rows.SmallDataset().Where(r => r.Label == "other").ToList();

        Assert.Empty(KeywordExtractor.Extract(onlyOther));
    }
}
