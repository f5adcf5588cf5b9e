using MassageForumBot.Classification.Data;
using static MassageForumBot.Classification.Tests.Support.Rows;

namespace MassageForumBot.Classification.Tests.Data;

public sealed class DatasetRulesTests
{
    private static List<LabelledPost> Many(string label, int count) =>
        Enumerable.Range(0, count).Select(i => Post($"{label}-{i}", label)).ToList();

    [Fact]
    public void A_label_with_fewer_than_ten_rows_is_refused_naming_the_label_and_its_count()
    {
        var rows = Many("glutes-routine", 10).Concat(Many("other", 9)).Concat(Many("glutes-draping", 3)).ToList();

        var e = Assert.Throws<DatasetException>(() => DatasetRules.RequireEnoughRowsPerLabel(rows));

        Assert.Contains("'other' has 9", e.Message);
        Assert.Contains("'glutes-draping' has 3", e.Message);
        Assert.DoesNotContain("glutes-routine", e.Message);
        Assert.Contains("at least 10", e.Message);
    }

    [Fact]
    public void Exactly_ten_rows_per_label_is_enough()
    {
        var rows = Many("glutes-routine", 10).Concat(Many("other", 10)).ToList();

        DatasetRules.RequireEnoughRowsPerLabel(rows);

        Assert.Equal(10, DatasetRules.MinimumRowsPerLabel);
    }

    [Fact]
    public void A_single_label_is_refused()
    {
        var e = Assert.Throws<DatasetException>(() => DatasetRules.RequireEnoughRowsPerLabel(Many("other", 50)));

        Assert.Contains("two labels", e.Message);
    }

    [Theory]
    [InlineData("Do you drape the glutes?", "do you drape the glutes?")]
    [InlineData("Do you drape the glutes?", "  DO  you\tdrape\nthe   GLUTES?  ")]
    public void A_post_repeated_in_train_and_test_is_refused_whatever_its_case_and_spacing(string trainText, string testText)
    {
        var train = new[] { Post("tr-1", "other", text: "unrelated"), Post("tr-2", "glutes-draping", text: trainText, location: "a.jsonl:4") };
        var test = new[] { Post("te-1", "other", text: "something else"), Post("te-2", "glutes-draping", text: testText, location: "b.jsonl:9") };

        var e = Assert.Throws<DatasetException>(() => DatasetRules.RequireNoLeakage(train, test));

        Assert.Contains("duplicate across train and test", e.Message);
        Assert.Contains("b.jsonl:9 (id 'te-2')", e.Message);
        Assert.Contains("a.jsonl:4 (id 'tr-2')", e.Message);
    }

    [Fact]
    public void Different_posts_in_train_and_test_pass()
    {
        var train = new[] { Post("tr-1", "other", text: "do you drape the glutes") };
        var test = new[] { Post("te-1", "other", text: "do you drape the glutes?") };

        DatasetRules.RequireNoLeakage(train, test);

        Assert.NotEqual(DatasetRules.NormaliseForComparison(train[0].Text), DatasetRules.NormaliseForComparison(test[0].Text));
    }

    [Fact]
    public void Normalising_lowercases_and_collapses_whitespace()
    {
        Assert.Equal("a b c", DatasetRules.NormaliseForComparison("  A\t\tb \r\n C "));
    }
}
