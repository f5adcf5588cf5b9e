namespace MassageForumBot.Tests.Cli;

public sealed class KeywordsCommandTests : IDisposable
{
    private readonly LoopTempFolder _temp = new();
    private readonly string _data;

    public KeywordsCommandTests()
    {
        _data = _temp.File("data.jsonl");
        File.WriteAllText(_data, string.Concat(LoopModelsFixture.SmallDataset().Select(r => MassageForumBot.Cli.FeedbackExport.ToJsonLine(r) + "\n")));
    }

    [Fact]
    public async Task Export_to_a_file_lists_each_topics_phrases_under_its_heading_without_other_words()
    {
        var file = _temp.File("keywords.txt");

        var (exit, output) = await LearningLoopCli.RunAsync("keywords", "export", "--data", _data, "--out", file, "--top", "3");

        Assert.Equal(0, exit);
        Assert.Contains($"wrote {file}: glutes-draping 3 phrases, glutes-lowback 3 phrases, glutes-routine 3 phrases", output);
        var lines = File.ReadAllLines(file);
        var draping = Array.FindIndex(lines, l => l.StartsWith("# glutes-draping: 3 phrases", StringComparison.Ordinal));
        var block = lines.Skip(draping + 1).Take(3).ToList();
        Assert.Subset(new HashSet<string> { "ask", "consent", "drape", "sheet" }, block.ToHashSet());
        Assert.DoesNotContain(lines, l => !l.StartsWith('#') && (l.Contains("booking", StringComparison.Ordinal) || l.Contains("invoices", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.StartsWith("# other", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Admin Assist", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_without_out_prints_the_list()
    {
        var (exit, output) = await LearningLoopCli.RunAsync("keywords", "export", "--data", _data);

        Assert.Equal(0, exit);
        Assert.Contains("\nroutine\n", output.Replace("\r\n", "\n"));
        Assert.Contains("# The same phrases, comma-separated", output);
    }

    [Fact]
    public async Task Top_below_one_is_refused()
    {
        Assert.Equal(1, (await LearningLoopCli.RunAsync("keywords", "export", "--data", _data, "--top", "0")).Exit);
    }

    public void Dispose() => _temp.Dispose();
}
