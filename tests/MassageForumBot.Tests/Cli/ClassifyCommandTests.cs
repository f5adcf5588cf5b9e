using System.Diagnostics;
using System.Text;
using System.Text.Json;
using MassageForumBot.Classification.Inference;
using MassageForumBot.Cli;

namespace MassageForumBot.Tests.Cli;

[Collection(CliModelCollection.Name)]
public sealed class ClassifyCommandTests(CliModelFixture model)
{
    private static readonly string[] Labels = ["glutes-draping", "glutes-lowback", "glutes-routine", "other"];

    private static string WriteOne(string text, Prediction prediction)
    {
        using var buffer = new MemoryStream();
        ClassifyCommand.Write(buffer, text, prediction);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Fact]
    public void Each_result_is_one_json_line_with_text_topic_confidence_reply_and_scores_in_that_order()
    {
        var prediction = new Prediction("glutes-draping", 0.912345, true,
            new Dictionary<string, double> { ["glutes-draping"] = 0.912345, ["glutes-lowback"] = 0.05, ["glutes-routine"] = 0.03, ["other"] = 0.007655 });

        var line = WriteOne("Do you drape \"the\" glutes?\nSecond line", prediction);

        Assert.EndsWith("\n", line);
        Assert.Single(line.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        Assert.Equal(["text", "topic", "confidence", "reply", "scores"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Do you drape \"the\" glutes?\nSecond line", root.GetProperty("text").GetString());
        Assert.Equal("glutes-draping", root.GetProperty("topic").GetString());
        Assert.Equal(0.912345, root.GetProperty("confidence").GetDouble());
        Assert.True(root.GetProperty("reply").GetBoolean());
        Assert.Equal(Labels, root.GetProperty("scores").EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.007655, root.GetProperty("scores").GetProperty("other").GetDouble());
    }

    [Fact]
    public void Non_ascii_text_stays_readable_and_round_trips()
    {
        var line = WriteOne("café <b> & 🍑 glutes", new Prediction("other", 1, false, new Dictionary<string, double> { ["other"] = 1 }));

        // Relaxed escaping: accents and HTML-ish characters are written as they are (the emoji, outside the basic plane, is escaped).
        Assert.Contains("\"text\":\"café <b> & ", line);
        Assert.Contains("\"reply\":false", line);
        Assert.Equal("café <b> & 🍑 glutes", JsonDocument.Parse(line).RootElement.GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("""{"text":"from json","id":"7"}""", "from json")]
    [InlineData("""   {"text":"indented json"}""", "indented json")]
    [InlineData("""{"id":"7"}""", """{"id":"7"}""")]
    [InlineData("""{"text":42}""", """{"text":42}""")]
    [InlineData("""{ not json at all""", """{ not json at all""")]
    [InlineData("plain post about glutes", "plain post about glutes")]
    [InlineData("""["text"]""", """["text"]""")]
    [InlineData("", "")]
    public void An_input_line_is_a_json_post_when_it_has_a_string_text_else_the_line_itself(string line, string expected)
    {
        Assert.Equal(expected, CliInput.PostText(line));
    }

    [Fact]
    public void Input_files_with_invalid_utf8_are_read_with_replacement_characters()
    {
        var path = Path.Combine(model.Folder, "bad-bytes.txt");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes("ok "), 0xFF, .. Encoding.UTF8.GetBytes(" end\nsecond\n")]);

        using var reader = CliInput.Open(new FileInfo(path));

        Assert.Equal("ok \uFFFD end", reader.ReadLine());
        Assert.Equal("second", reader.ReadLine());
    }

    [Fact]
    public async Task The_classify_verb_prints_one_json_line_per_input_line_in_order()
    {
        var input = Path.Combine(model.Folder, "posts.txt");
        string[] lines =
        [
            "how should I drape the glutes with the sheet for a new client",
            """{"text":"which booking software do you use for invoices"}""",
            "   ",
            "my client has lower back pain, is glute work useful for the lumbar ache",
        ];
        await File.WriteAllLinesAsync(input, lines);

        var (exit, stdout, stderr) = await RunAsync("classify", "--input", input, "--model", model.ModelPath);

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        var output = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, output.Length);
        var docs = output.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal("how should I drape the glutes with the sheet for a new client", docs[0].GetProperty("text").GetString());
        Assert.Equal("which booking software do you use for invoices", docs[1].GetProperty("text").GetString());
        Assert.Equal(["glutes-draping", "other", "other", "glutes-lowback"], docs.Select(d => d.GetProperty("topic").GetString()));
        Assert.False(docs[1].GetProperty("reply").GetBoolean());
        Assert.False(docs[2].GetProperty("reply").GetBoolean());
        var threshold = ModelBundle.ReadManifest(model.ModelPath).ReplyThreshold;
        foreach (var d in docs)
        {
            var scores = d.GetProperty("scores").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
            Assert.Equal(Labels, scores.Keys);
            Assert.Equal(1.0, scores.Values.Sum(), 3);
            var confidence = d.GetProperty("confidence").GetDouble();
            Assert.Equal(scores.Values.Max(), confidence);
            Assert.Equal(d.GetProperty("topic").GetString() != "other" && confidence >= threshold, d.GetProperty("reply").GetBoolean());
        }
    }

    /// <summary>The program as built in its own project: the test output folder mixes in the ASP.NET framework of the
    /// fake server, so the program's own dependencies (e.g. ObjectPool) are only complete in src/MassageForumBot/bin.</summary>
    private static string ProgramPath()
    {
        var outputFolder = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = outputFolder.Name;
        var configuration = outputFolder.Parent!.Name;
        var root = outputFolder;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "MassageForumBot.sln"))) root = root.Parent;
        Assert.NotNull(root);
        var path = Path.Combine(root.FullName, "src", "MassageForumBot", "bin", configuration, framework, "MassageForumBot.dll");
        Assert.True(File.Exists(path), $"build the program first: {path} is missing");
        return path;
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(ProgramPath());
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
