using MassageForumBot.Classification.Data;
using MassageForumBot.Classification.Tests.Support;

namespace MassageForumBot.Classification.Tests.Data;

/// <summary>Real posts (source is a page URL) carry a register; bad rows are refused naming file and line.</summary>
public sealed class RealRowsTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Line(string id, string source, string? register, string label = "glutes-routine") =>
        register is null
            ? $$"""{"id":"{{id}}","text":"do you all do glutes?","label":"{{label}}","source":"{{source}}"}"""
            : $$"""{"id":"{{id}}","text":"do you all do glutes?","label":"{{label}}","source":"{{source}}","register":"{{register}}"}""";

    [Fact]
    public void A_real_row_keeps_its_register_and_is_held_out_by_its_site()
    {
        var path = _dir.WriteJsonLines("real.jsonl",
            Line("r-1", "https://www.Forum.example.com/t/1", "client"),
            Line("r-2", "https://forum.example.com/t/2?page=3", "question"),
            Line("s-1", "synthetic:discord", null));

        var rows = DatasetReader.Read(path);

        Assert.Equal("client", rows[0].Register);
        Assert.True(rows[0].IsReal);
        Assert.False(rows[0].IsSynthetic);
        Assert.Equal("site:forum.example.com", rows[0].FoldKey);
        Assert.Equal(rows[0].FoldKey, rows[1].FoldKey);
        Assert.True(rows[2].IsSynthetic);
        Assert.False(rows[2].IsReal);
        Assert.Equal("s-1", rows[2].FoldKey);
        Assert.Null(rows[2].Register);
    }

    [Fact]
    public void A_real_row_without_a_register_is_refused_with_file_and_line()
    {
        var path = _dir.WriteJsonLines("real.jsonl", Line("r-1", "https://a.example/1", "blog"), Line("r-2", "https://a.example/2", null));

        var e = Assert.Throws<DatasetException>(() => DatasetReader.Read(path));

        Assert.StartsWith("real.jsonl:2:", e.Message);
        Assert.Contains("needs a register", e.Message);
    }

    [Theory]
    [InlineData("Question")]
    [InlineData("forum")]
    public void An_unknown_register_is_refused_with_file_and_line(string register)
    {
        var path = _dir.WriteJsonLines("real.jsonl", Line("r-1", "https://a.example/1", register));

        var e = Assert.Throws<DatasetException>(() => DatasetReader.Read(path));

        Assert.StartsWith("real.jsonl:1:", e.Message);
        Assert.Contains($"register '{register}'", e.Message);
        Assert.Contains("question, comment, blog, client", e.Message);
    }

    [Theory]
    [InlineData("https://")]
    [InlineData("https://localhost/thread")]
    [InlineData("http://exa mple.com/x")]
    public void A_source_that_is_not_a_page_url_is_refused(string source)
    {
        var path = _dir.WriteJsonLines("real.jsonl", Line("r-1", source, "comment"));

        var e = Assert.Throws<DatasetException>(() => DatasetReader.Read(path));

        Assert.StartsWith("real.jsonl:1:", e.Message);
        Assert.Contains("is not a page URL", e.Message);
    }

    [Theory]
    [InlineData("Glutes-Routine")]
    [InlineData("glutes routine")]
    public void A_label_that_is_not_label_shaped_is_refused(string label)
    {
        var path = _dir.WriteJsonLines("real.jsonl", Line("r-1", "https://a.example/1", "comment", label));

        var e = Assert.Throws<DatasetException>(() => DatasetReader.Read(path));

        Assert.StartsWith("real.jsonl:1:", e.Message);
        Assert.Contains($"label '{label}'", e.Message);
    }

    [Fact]
    public void The_same_post_under_two_sites_is_refused_naming_both_rows()
    {
        var rows = new[]
        {
            new LabelledPost("r-1", "Do you do GLUTES?", "glutes-routine", "https://a.example/1", "a") { Location = "real.jsonl:1", Register = "question" },
            new LabelledPost("r-2", "do you do glutes?  ", "glutes-routine", "https://b.example/1", "b") { Location = "real.jsonl:2", Register = "question" },
        };

        var e = Assert.Throws<DatasetException>(() => DatasetRules.RequireDistinctTextsAcrossFolds(rows));

        Assert.Contains("real.jsonl:2", e.Message);
        Assert.Contains("real.jsonl:1", e.Message);
    }

    [Fact]
    public void Every_shipped_real_row_has_a_register_and_every_written_row_is_marked_synthetic()
    {
        var rows = DatasetReader.Read(RepoPaths.ShippedData);

        Assert.All(rows, r => Assert.True(r.IsReal || r.IsSynthetic, $"{r.Location}: source '{r.Source}' is neither a page URL nor synthetic:"));
        Assert.All(rows, r => Assert.True(r.Register is not null && Registers.IsKnown(r.Register), $"{r.Location}: register '{r.Register}'"));
    }
}
