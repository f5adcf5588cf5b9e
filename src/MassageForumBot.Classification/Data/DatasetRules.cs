namespace MassageForumBot.Classification.Data;

/// <summary>What a dataset must satisfy before a model is trained on it.</summary>
public static class DatasetRules
{
    public const int MinimumRowsPerLabel = 10;

    public static void RequireEnoughRowsPerLabel(IReadOnlyList<LabelledPost> rows)
    {
        var thin = rows.GroupBy(r => r.Label, StringComparer.Ordinal)
            .Where(g => g.Count() < MinimumRowsPerLabel)
            .Select(g => $"'{g.Key}' has {g.Count()}")
            .ToList();
        if (thin.Count > 0)
            throw new DatasetException($"every label needs at least {MinimumRowsPerLabel} rows: {string.Join("; ", thin)}.");
        if (rows.Select(r => r.Label).Distinct(StringComparer.Ordinal).Count() < 2)
            throw new DatasetException("the data needs at least two labels.");
    }

    /// <summary>Refuses a split where the same post (after normalising case and spacing) is in train and test:
    /// the test score would measure memory, not judgement.</summary>
    public static void RequireNoLeakage(IReadOnlyList<LabelledPost> train, IReadOnlyList<LabelledPost> test)
    {
        var trainTexts = new Dictionary<string, LabelledPost>(StringComparer.Ordinal);
        foreach (var row in train) trainTexts.TryAdd(NormaliseForComparison(row.Text), row);
        foreach (var row in test)
            if (trainTexts.TryGetValue(NormaliseForComparison(row.Text), out var twin))
                throw new DatasetException($"duplicate across train and test: {row.Location} (id '{row.Id}') repeats {twin.Location} (id '{twin.Id}').");
    }

    /// <summary>Refuses the same post (after normalising case and spacing) under two different sites or groups: cross-validation
    /// would then score a post the model was trained on.</summary>
    public static void RequireDistinctTextsAcrossFolds(IReadOnlyList<LabelledPost> rows)
    {
        var seen = new Dictionary<string, LabelledPost>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var key = NormaliseForComparison(row.Text);
            if (seen.TryGetValue(key, out var twin) && twin.FoldKey != row.FoldKey)
                throw new DatasetException($"{row.Location}: id '{row.Id}' repeats the text of {twin.Location} (id '{twin.Id}') from another site or group.");
            seen.TryAdd(key, row);
        }
    }

    public static string NormaliseForComparison(string text) =>
        string.Join(' ', text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
