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
}
