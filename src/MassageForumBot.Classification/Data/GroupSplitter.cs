namespace MassageForumBot.Classification.Data;

/// <summary>
/// Splits posts into folds by whole groups (<see cref="LabelledPost.FoldKey"/>: the web domain of a real post, the group
/// of any other), so every evaluation sees situations, and sites, that training never saw.
/// Groups are spread per label (largest first, into the fold that has fewest rows of that label), and the
/// order is fixed by a hash of the group name: the same data always gives the same folds.
/// </summary>
public static class GroupSplitter
{
    public static IReadOnlyList<IReadOnlyList<LabelledPost>> Folds(IReadOnlyList<LabelledPost> rows, int foldCount, int seed = 17)
    {
        if (foldCount < 2) throw new ArgumentOutOfRangeException(nameof(foldCount), "need at least two folds");
        var folds = Enumerable.Range(0, foldCount).Select(_ => new List<LabelledPost>()).ToArray();
        // A group with rows of several labels is placed once, by its first label; its other rows follow it.
        var placed = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var labelRows in rows.GroupBy(r => r.Label, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var perFold = new int[foldCount];
            var groups = labelRows.GroupBy(r => r.FoldKey, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count())
                .ThenBy(g => StableHash(g.Key, seed));
            foreach (var group in groups)
            {
                if (!placed.TryGetValue(group.Key, out var target))
                    placed[group.Key] = target = Array.IndexOf(perFold, perFold.Min());
                folds[target].AddRange(group);
                perFold[target] += group.Count();
            }
        }
        return folds;
    }

    /// <summary>Holds out about one fold's worth of whole groups as the test set.</summary>
    public static (IReadOnlyList<LabelledPost> Train, IReadOnlyList<LabelledPost> Test) HoldOut(IReadOnlyList<LabelledPost> rows, int foldCount = 5, int seed = 17)
    {
        var folds = Folds(rows, foldCount, seed);
        var test = folds[0];
        var train = folds.Skip(1).SelectMany(f => f).ToList();
        return (train, test);
    }

    // FNV-1a: string.GetHashCode is randomised per process, and folds must not change between runs.
    private static ulong StableHash(string value, int seed)
    {
        var hash = 14695981039346656037UL ^ (ulong)seed;
        foreach (var c in value)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return hash;
    }
}
