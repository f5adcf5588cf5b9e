using MassageForumBot.Classification.Data;

namespace MassageForumBot.Classification.Tests.Support;

/// <summary>Builders for labelled posts and JSON lines.</summary>
public static class Rows
{
    public static LabelledPost Post(string id, string label, string? group = null, string? text = null, string? location = null) =>
        new(id, text ?? $"text of {id}", label, "test", group ?? id) { Location = location ?? $"test.jsonl:{id}" };

    public static object Json(string id, string text = "some text", string label = "other", string source = "test", string? group = null) =>
        group is null
            ? new Dictionary<string, string> { ["id"] = id, ["text"] = text, ["label"] = label, ["source"] = source }
            : new Dictionary<string, string> { ["id"] = id, ["text"] = text, ["label"] = label, ["source"] = source, ["group"] = group };

    /// <summary>A small, learnable dataset: every label has 15 distinct short posts in 6 groups (3, 3, 3, 2, 2, 2 rows).
    /// The labels share a vocabulary of their own, each group adds a situation word, each row a filler.</summary>
    public static IReadOnlyList<LabelledPost> SmallDataset()
    {
        var labels = new (string Label, string Core, string[] Situations)[]
        {
            ("glutes-draping", "drape the glutes with the sheet and ask consent before", ["undies", "towel", "tuck", "intake", "student", "spa"]),
            ("glutes-lowback", "lower back pain client wants glute work for the lumbar ache", ["sciatica", "desk", "runner", "lifting", "pregnancy", "driver"]),
            ("glutes-routine", "do you include glutes in every full body routine session", ["hour", "mobile", "chart", "clinic", "hotel", "practical"]),
            ("other", "booking software invoices and rent for my practice", ["tax", "website", "lotion", "table", "parking", "insurance"]),
        };
        string[] fillers = ["today", "question", "thoughts", "help", "lately", "honestly", "again", "please", "friends", "anyone", "quickly", "seriously", "tonight", "again and again", "this week"];
        var rows = new List<LabelledPost>();
        foreach (var (label, core, situations) in labels)
        {
            var n = 0;
            for (var g = 0; g < situations.Length; g++)
            {
                var size = g < 3 ? 3 : 2;
                for (var i = 0; i < size; i++, n++)
                {
                    var id = $"{label}-{n:00}";
                    rows.Add(new LabelledPost(id, $"{core} {situations[g]} {fillers[n]}", label, "test", $"{label}-{situations[g]}")
                    {
                        Location = $"small.jsonl:{rows.Count + 1}",
                    });
                }
            }
        }
        return rows;
    }

    /// <summary>Real posts (page URLs) from 6 sites, 10 per label (40 rows): each site holds rows of two labels, in
    /// their own words, so site folds hold out mixed pages as real data has them.</summary>
    public static IReadOnlyList<LabelledPost> SmallRealDataset()
    {
        var labels = new (string Label, string Core)[]
        {
            ("glutes-draping", "keep my undies on when the sheet is tucked for the glutes"),
            ("glutes-lowback", "sciatica down my leg and the glute work helped the lumbar pain"),
            ("glutes-routine", "every full body routine should include glutes in the session"),
            ("other", "booking software invoices rent and insurance for my practice"),
        };
        string[] voices = ["honestly", "ok so", "quick q", "lol", "hi all", "update", "serious question", "new here", "long time lurker", "help"];
        var rows = new List<LabelledPost>();
        for (var l = 0; l < labels.Length; l++)
            for (var n = 0; n < 10; n++)
            {
                var site = (l * 10 + n) % 6;
                rows.Add(new LabelledPost($"real-{labels[l].Label}-{n}", $"{voices[n]} {labels[l].Core} {voices[(n + 3) % 10]} {n}", labels[l].Label,
                    $"https://www.site{site}.example/thread/{l}{n}", $"site{site}.example/thread/{l}{n}")
                {
                    Location = $"real.jsonl:{rows.Count + 1}",
                    Register = n % 2 == 0 ? "question" : "client",
                });
            }
        return rows;
    }
}
