using MassageForumBot.Classification.Data;
using static MassageForumBot.Classification.Tests.Support.Rows;

namespace MassageForumBot.Classification.Tests.Data;

public sealed class GroupSplitterTests
{
    private static readonly string[] Labels = ["glutes-draping", "glutes-lowback", "glutes-routine", "other"];

    /// <summary>Per label, 12 groups of 1 to 4 rows (uneven on purpose).</summary>
    private static List<LabelledPost> Data()
    {
        var rows = new List<LabelledPost>();
        foreach (var label in Labels)
            for (var g = 0; g < 12; g++)
                for (var i = 0; i < 1 + (g * 7 + label.Length) % 4; i++)
                    rows.Add(Post($"{label}-{g}-{i}", label, group: $"{label}-g{g}"));
        return rows;
    }

    [Fact]
    public void No_group_is_split_across_folds_and_every_row_lands_in_exactly_one_fold()
    {
        var rows = Data();

        var folds = GroupSplitter.Folds(rows, 5);

        Assert.Equal(5, folds.Count);
        var foldOfRow = folds.SelectMany((f, k) => f.Select(r => (r.Id, k))).ToList();
        Assert.Equal(rows.Select(r => r.Id).Order(), foldOfRow.Select(x => x.Id).Order());
        var foldOfGroup = folds.SelectMany((f, k) => f.Select(r => (r.Group, k))).Distinct().GroupBy(x => x.Group);
        Assert.All(foldOfGroup, g => Assert.Single(g));
    }

    [Fact]
    public void A_group_whose_rows_have_different_labels_still_lands_in_one_fold()
    {
        // A situation written both as a recurring question and as a near-miss (a hard-negative pair) shares one group:
        // splitting it would put a near-copy of a test post in training.
        var rows = Data();
        for (var g = 0; g < 6; g++)
        {
            rows.Add(Post($"pair-{g}-a", "glutes-routine", group: $"pair-{g}"));
            rows.Add(Post($"pair-{g}-b", "other", group: $"pair-{g}"));
            rows.Add(Post($"pair-{g}-c", "other", group: $"pair-{g}"));
        }

        var folds = GroupSplitter.Folds(rows, 5);

        for (var g = 0; g < 6; g++)
        {
            var where = folds.Select((f, k) => (f, k)).Where(x => x.f.Any(r => r.Group == $"pair-{g}")).Select(x => x.k).ToList();
            Assert.True(where.Count == 1, $"group pair-{g} is in folds {string.Join(", ", where)}");
        }
        Assert.Equal(rows.Count, folds.Sum(f => f.Count));
    }

    [Fact]
    public void The_same_data_always_gives_the_same_folds_even_when_rows_come_in_another_order()
    {
        var rows = Data();
        var random = new Random(3);
        var shuffled = rows.OrderBy(_ => random.Next()).ToList();
        Assert.NotEqual(rows.Select(r => r.Id), shuffled.Select(r => r.Id));

        var first = GroupSplitter.Folds(rows, 5);
        var again = GroupSplitter.Folds(rows, 5);
        var reordered = GroupSplitter.Folds(shuffled, 5);

        Assert.Equal(first.Select(f => f.Select(r => r.Id).ToList()), again.Select(f => f.Select(r => r.Id).ToList()));
        Assert.Equal(first.Select(f => f.Select(r => r.Id).Order().ToList()), reordered.Select(f => f.Select(r => r.Id).Order().ToList()));
    }

    [Fact]
    public void Another_seed_gives_other_folds()
    {
        var rows = Data();

        var a = GroupSplitter.Folds(rows, 5, seed: 17);
        var b = GroupSplitter.Folds(rows, 5, seed: 18);

        Assert.NotEqual(a.Select(f => f.Select(r => r.Id).Order().ToList()), b.Select(f => f.Select(r => r.Id).Order().ToList()));
    }

    [Fact]
    public void Every_label_appears_in_every_fold_when_it_has_enough_groups()
    {
        var folds = GroupSplitter.Folds(Data(), 5);

        Assert.All(folds, fold => Assert.Equal(Labels, fold.Select(r => r.Label).Distinct().Order()));
    }

    [Fact]
    public void Folds_are_balanced_per_label()
    {
        var rows = Data();

        var folds = GroupSplitter.Folds(rows, 5);

        foreach (var label in Labels)
        {
            var counts = folds.Select(f => f.Count(r => r.Label == label)).ToList();
            // Largest groups first into the emptiest fold: no fold can exceed another by more than the largest group (4 rows).
            Assert.True(counts.Max() - counts.Min() <= 4, $"{label}: {string.Join(",", counts)}");
        }
    }

    [Fact]
    public void Hold_out_is_the_first_fold_and_train_is_the_rest_with_no_shared_group()
    {
        var rows = Data();

        var (train, test) = GroupSplitter.HoldOut(rows, 5);
        var folds = GroupSplitter.Folds(rows, 5);

        Assert.Equal(folds[0].Select(r => r.Id), test.Select(r => r.Id));
        Assert.Equal(rows.Count, train.Count + test.Count);
        Assert.Empty(train.Select(r => r.Group).Intersect(test.Select(r => r.Group)));
        // Each label's share of the test set is within one largest group (4 rows) of a fifth.
        foreach (var label in Labels)
        {
            var total = rows.Count(r => r.Label == label);
            Assert.InRange(test.Count(r => r.Label == label), total / 5.0 - 4, total / 5.0 + 4);
        }
    }

    [Fact]
    public void Fewer_than_two_folds_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GroupSplitter.Folds(Data(), 1));
    }
}
