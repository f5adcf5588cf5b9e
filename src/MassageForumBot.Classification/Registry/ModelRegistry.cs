using MassageForumBot.Classification.Data;
using MassageForumBot.Classification.Evaluation;
using MassageForumBot.Classification.Features;
using MassageForumBot.Classification.Inference;
using MassageForumBot.Classification.Training;
using Microsoft.ML;

namespace MassageForumBot.Classification.Registry;

/// <summary>One place a model can be: its file and the model card beside it.</summary>
public sealed record ModelSlot(string Name, string ModelPath, string CardPath)
{
    public bool Exists => File.Exists(ModelPath);
}

/// <summary>What <see cref="ModelRegistry.List"/> knows of a slot: its manifest when a readable model is there, else why not.</summary>
public sealed record ModelSlotInfo(ModelSlot Slot, ModelManifest? Manifest, DateTimeOffset? FileTime, string? Problem);

/// <summary>
/// The folder layout of the models a deployment has:
/// <c>models/classifier.zip</c> (active, what the worker loads), <c>models/staged/classifier.zip</c> (a candidate from
/// <c>train --include-feedback</c>) and <c>models/backup/classifier.zip</c> (the model the last promote or rollback replaced),
/// each with its MODEL_CARD.md beside it.
/// Every move copies aside and renames into place, and the active model is only ever replaced by a rename over it,
/// so a crash at any point leaves a complete active model.
/// </summary>
public sealed class ModelRegistry
{
    public const string CardFileName = "MODEL_CARD.md";
    public const string StagedFolder = "staged";
    public const string BackupFolder = "backup";

    /// <param name="activeModelPath">The active model file, for example models/classifier.zip; staged/ and backup/ are beside it.</param>
    public ModelRegistry(string activeModelPath)
    {
        var full = Path.GetFullPath(activeModelPath);
        Folder = Path.GetDirectoryName(full)!;
        var fileName = Path.GetFileName(full);
        Active = new ModelSlot("active", full, Path.Combine(Folder, CardFileName));
        Staged = new ModelSlot("staged", Path.Combine(Folder, StagedFolder, fileName), Path.Combine(Folder, StagedFolder, CardFileName));
        Backup = new ModelSlot("backup", Path.Combine(Folder, BackupFolder, fileName), Path.Combine(Folder, BackupFolder, CardFileName));
    }

    public string Folder { get; }

    public ModelSlot Active { get; }

    public ModelSlot Staged { get; }

    public ModelSlot Backup { get; }

    public IReadOnlyList<ModelSlot> Slots => [Active, Staged, Backup];

    public IReadOnlyList<ModelSlotInfo> List() => Slots.Select(Describe).ToList();

    public static ModelSlotInfo Describe(ModelSlot slot)
    {
        if (!slot.Exists) return new ModelSlotInfo(slot, null, null, "none");
        var time = new DateTimeOffset(File.GetLastWriteTimeUtc(slot.ModelPath), TimeSpan.Zero);
        try
        {
            return new ModelSlotInfo(slot, ModelBundle.ReadManifest(slot.ModelPath), time, null);
        }
        catch (ModelLoadException e)
        {
            return new ModelSlotInfo(slot, null, time, e.Message);
        }
    }

    /// <summary>
    /// Scores the staged and the active model on the same rows, the staged model's recorded held-out rows (found by id in
    /// <paramref name="data"/>, which should be the data folder plus the feedback file), and applies <see cref="PromotionRule"/>.
    /// </summary>
    public PromotionComparison Compare(IReadOnlyList<LabelledPost> data, Func<ISentenceEmbedder>? embedderFactory)
    {
        if (!Staged.Exists)
            throw new ModelLoadException($"no staged model at {Staged.ModelPath}. Train one with: train --include-feedback");
        var ml = new MLContext(seed: 1);
        var staged = ModelBundle.Load(Staged.ModelPath, ml);
        var active = Active.Exists ? ModelBundle.Load(Active.ModelPath, ml) : default;

        var testIds = staged.Manifest.TestIds.ToHashSet(StringComparer.Ordinal);
        var heldOut = data.Where(r => testIds.Contains(r.Id)).ToList();
        var missing = testIds.Count - heldOut.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count();
        var alsoActiveHeldOut = active.Manifest is null ? 0
            : heldOut.Count(r => active.Manifest.TestIds.Contains(r.Id, StringComparer.Ordinal));

        if (heldOut.Count == 0)
            return new PromotionComparison(staged.Manifest, active.Manifest, null, null, 0, missing, alsoActiveHeldOut,
                new PromotionDecision(false, [$"none of the staged model's {testIds.Count} held-out ids are in the data; pass the data and feedback file it was trained on"]));

        // One embedder for both models (cached by text), created only when a model needs sentence vectors.
        var needsEmbedder = NeedsEmbedder(staged.Manifest) || (active.Manifest is not null && NeedsEmbedder(active.Manifest));
        var inner = !needsEmbedder ? null
            : embedderFactory?.Invoke() ?? throw new ArgumentException("a model uses sentence vectors and no embedder was given", nameof(embedderFactory));
        var embedder = inner is null ? null : new CachingEmbedder(inner);
        try
        {
            var scorer = new ModelScorer(ml, new PostRowFactory(embedder));
            var stagedMetrics = Score(scorer, staged.Transformer, staged.Manifest, heldOut);
            var activeMetrics = active.Manifest is null ? null : Score(scorer, active.Transformer, active.Manifest, heldOut);
            var decision = PromotionRule.Decide(stagedMetrics, activeMetrics, active.Manifest?.ReplyPrecisionTarget ?? staged.Manifest.ReplyPrecisionTarget,
                staged.Manifest.Real, active.Manifest?.Real);
            return new PromotionComparison(staged.Manifest, active.Manifest, stagedMetrics, activeMetrics, heldOut.Count, missing, alsoActiveHeldOut, decision);
        }
        finally
        {
            (inner as IDisposable)?.Dispose();
        }
    }

    /// <summary>Compares, then promotes only when the rule allows it. The comparison says what happened and why.</summary>
    public PromotionComparison Promote(IReadOnlyList<LabelledPost> data, Func<ISentenceEmbedder>? embedderFactory)
    {
        var comparison = Compare(data, embedderFactory);
        if (comparison.Decision.Promote) PromoteStaged();
        return comparison;
    }

    /// <summary>Moves staged to active without checks (the caller compared first): active becomes the backup,
    /// staged becomes active, and the staged slot is emptied.</summary>
    public void PromoteStaged()
    {
        if (!Staged.Exists) throw new ModelLoadException($"no staged model at {Staged.ModelPath}");
        // 1. Keep the current active model as the backup (the active one is untouched so far).
        if (Active.Exists) CopyInto(Active, Backup);
        // 2. Rename the staged copy over the active one: the worker's file watcher sees one rename.
        CopyInto(Staged, Active);
        // 3. Only now empty the staged slot; a crash before this leaves a staged copy of the active model, which is harmless.
        File.Delete(Staged.ModelPath);
        if (File.Exists(Staged.CardPath)) File.Delete(Staged.CardPath);
    }

    /// <summary>Swaps the backup and the active model (with their cards): a second rollback restores the first state.</summary>
    public void Rollback()
    {
        if (!Backup.Exists) throw new ModelLoadException($"no backup model at {Backup.ModelPath}; a backup is kept when a model is promoted");
        // Make both copies aside first, then rename: at every moment the active slot holds a complete model.
        var activeAside = PrepareCopy(Backup, Active);
        var backupAside = Active.Exists ? PrepareCopy(Active, Backup) : default;
        try
        {
            if (backupAside.Model is not null) Commit(backupAside, Backup);
            Commit(activeAside, Active);
        }
        finally
        {
            Discard(activeAside);
            Discard(backupAside);
        }
    }

    private static bool NeedsEmbedder(ModelManifest manifest) =>
        Enum.TryParse<FeatureSet>(manifest.Features, out var features) && features.UsesEmbeddings();

    private static MetricsSummary Score(ModelScorer scorer, ITransformer transformer, ModelManifest manifest, IReadOnlyList<LabelledPost> rows)
    {
        var features = Enum.Parse<FeatureSet>(manifest.Features);
        var scored = scorer.Score(transformer, manifest.Labels, features, rows, manifest.Passages, manifest.ReplyScore);
        return MetricsCalculator.Compute(scored, manifest.Labels, manifest.ReplyThreshold);
    }

    private static void CopyInto(ModelSlot from, ModelSlot to)
    {
        var aside = PrepareCopy(from, to);
        try { Commit(aside, to); }
        finally { Discard(aside); }
    }

    private readonly record struct Aside(string? Model, string? Card);

    /// <summary>Copies a slot's files to temporary names in the target slot's folder (same volume, so the rename is atomic).</summary>
    private static Aside PrepareCopy(ModelSlot from, ModelSlot to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to.ModelPath)!);
        Directory.CreateDirectory(Path.GetDirectoryName(to.CardPath)!);
        var model = TemporaryBeside(to.ModelPath);
        File.Copy(from.ModelPath, model, overwrite: true);
        string? card = null;
        if (File.Exists(from.CardPath))
        {
            card = TemporaryBeside(to.CardPath);
            File.Copy(from.CardPath, card, overwrite: true);
        }
        return new Aside(model, card);
    }

    /// <summary>Renames the copies into place: the model first, then its card (a card never describes a model that is not there).
    /// A slot whose source had no card loses its old card rather than keep one that describes another model.</summary>
    private static void Commit(Aside aside, ModelSlot to)
    {
        File.Move(aside.Model!, to.ModelPath, overwrite: true);
        if (aside.Card is not null) File.Move(aside.Card, to.CardPath, overwrite: true);
        else if (File.Exists(to.CardPath)) File.Delete(to.CardPath);
    }

    private static void Discard(Aside aside)
    {
        if (aside.Model is not null && File.Exists(aside.Model)) File.Delete(aside.Model);
        if (aside.Card is not null && File.Exists(aside.Card)) File.Delete(aside.Card);
    }

    private static string TemporaryBeside(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
}
