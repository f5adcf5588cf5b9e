using System.CommandLine;
using MassageForumBot.Classification;
using MassageForumBot.Classification.Data;
using MassageForumBot.Classification.Keywords;

namespace MassageForumBot.Cli;

/// <summary>`keywords export`: the phrases most typical of each glutes topic, for Facebook's keyword alerts and Admin Assist (pasted by hand).</summary>
public static class KeywordsCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var output = new Option<string?>("--out", "-o") { Description = "Write the list to this file (default: standard output)." };
        var top = new Option<int>("--top") { Description = "Phrases per topic (default: 25).", DefaultValueFactory = _ => 25 };
        var minPosts = new Option<int>("--min-posts") { Description = "A phrase must occur in at least this many posts of the topic (default: 5).", DefaultValueFactory = _ => 5 };
        var export = new Command("export", """
            Print the 1-3 word phrases most indicative of each glutes topic in the training data (smoothed log-odds against all other
            posts, z-scored; at least 80% of the training posts with the phrase are of the topic; phrases starting or ending with
            a stop word are dropped), one per line under a comment line per topic,
            then one comma-separated line per topic: the shape Facebook's Keyword alerts and Admin Assist 'Post contains keywords'
            accept when pasted. Nothing is sent to Facebook.
            """)
        {
            data, output, top, minPosts,
        };
        export.SetAction((parse, cancel) => CliErrors.Guard(() =>
        {
            if (parse.GetValue(top) < 1) throw new CliException("--top must be at least 1.");
            if (parse.GetValue(minPosts) < 1) throw new CliException("--min-posts must be at least 1.");
            var dataPath = ProjectPaths.Resolve(parse.GetValue(data)!);
            var rows = DatasetReader.Read(dataPath);
            var topics = KeywordExtractor.Extract(rows, new KeywordOptions { Top = parse.GetValue(top), MinimumPosts = parse.GetValue(minPosts) });
            if (topics.Count == 0) throw new CliException($"{dataPath}: no rows with a glutes topic label.");
            var text = KeywordExport.Render(topics, Path.GetRelativePath(Directory.GetCurrentDirectory(), dataPath), rows.Count, DateTimeOffset.UtcNow);
            var outPath = parse.GetValue(output);
            if (outPath is null)
            {
                parse.InvocationConfiguration.Output.Write(text);
            }
            else
            {
                AtomicFile.WriteAllText(outPath, text);
                parse.InvocationConfiguration.Output.WriteLine($"wrote {outPath}: {string.Join(", ", topics.Select(t => $"{t.Topic} {t.Phrases.Count} phrases"))}");
            }
            return Task.FromResult(0);
        }));
        return new Command("keywords", "Keyword lists for Facebook groups' admin tools.") { export };
    }
}
