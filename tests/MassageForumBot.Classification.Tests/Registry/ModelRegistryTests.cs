using MassageForumBot.Classification.Inference;
using MassageForumBot.Classification.Registry;
using MassageForumBot.Classification.Tests.Support;

namespace MassageForumBot.Classification.Tests.Registry;

public sealed class ModelRegistryTests(RegistryModelsFixture models) : IClassFixture<RegistryModelsFixture>, IDisposable
{
    private readonly TempFolder _temp = new();

    private ModelRegistry Layout(byte[]? active, byte[]? staged, byte[]? backup = null)
    {
        var registry = new ModelRegistry(_temp.File("classifier.zip"));
        Put(registry.Active, active, "active");
        Put(registry.Staged, staged, "staged");
        Put(registry.Backup, backup, "backup");
        return registry;
    }

    private static void Put(ModelSlot slot, byte[]? bytes, string card)
    {
        if (bytes is null) return;
        Directory.CreateDirectory(Path.GetDirectoryName(slot.ModelPath)!);
        File.WriteAllBytes(slot.ModelPath, bytes);
        File.WriteAllText(slot.CardPath, $"card of the model first put in {card}");
    }

    [Fact]
    public void Layout_is_active_beside_staged_and_backup_folders_each_with_a_card()
    {
        var registry = new ModelRegistry(_temp.File("classifier.zip"));

        Assert.Equal(_temp.File("classifier.zip"), registry.Active.ModelPath);
        Assert.Equal(_temp.File("MODEL_CARD.md"), registry.Active.CardPath);
        Assert.Equal(Path.Combine(_temp.Path, "staged", "classifier.zip"), registry.Staged.ModelPath);
        Assert.Equal(Path.Combine(_temp.Path, "staged", "MODEL_CARD.md"), registry.Staged.CardPath);
        Assert.Equal(Path.Combine(_temp.Path, "backup", "classifier.zip"), registry.Backup.ModelPath);
        Assert.Equal(Path.Combine(_temp.Path, "backup", "MODEL_CARD.md"), registry.Backup.CardPath);
    }

    [Fact]
    public void Promote_refuses_a_worse_model_and_moves_nothing()
    {
        var registry = Layout(active: models.Good, staged: models.Worse);

        var comparison = registry.Promote(models.Data, embedderFactory: null);

        Assert.False(comparison.Decision.Promote);
        Assert.Contains(comparison.Decision.Reasons, r => r.StartsWith("macro-F1", StringComparison.Ordinal));
        Assert.True(comparison.StagedMetrics!.MacroF1 < comparison.ActiveMetrics!.MacroF1 - PromotionRule.MaxMacroF1Drop);
        Assert.Equal(models.Good, File.ReadAllBytes(registry.Active.ModelPath));
        Assert.Equal(models.Worse, File.ReadAllBytes(registry.Staged.ModelPath));
        Assert.False(registry.Backup.Exists);
        Assert.Contains("verdict: refused", comparison.Render());
    }

    [Fact]
    public void Promote_accepts_a_better_model_keeps_the_old_one_as_backup_and_empties_staged()
    {
        var registry = Layout(active: models.Worse, staged: models.Good);

        var comparison = registry.Promote(models.Data, embedderFactory: null);

        Assert.True(comparison.Decision.Promote, comparison.Render());
        Assert.Equal(models.Good, File.ReadAllBytes(registry.Active.ModelPath));
        Assert.Equal("card of the model first put in staged", File.ReadAllText(registry.Active.CardPath));
        Assert.Equal(models.Worse, File.ReadAllBytes(registry.Backup.ModelPath));
        Assert.Equal("card of the model first put in active", File.ReadAllText(registry.Backup.CardPath));
        Assert.False(registry.Staged.Exists);
        Assert.False(File.Exists(registry.Staged.CardPath));
        // Nothing half-written is left behind.
        Assert.Empty(Directory.GetFiles(_temp.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Both_models_are_scored_on_the_staged_models_held_out_rows_with_their_own_thresholds()
    {
        var registry = Layout(active: models.Worse, staged: models.Good);

        var comparison = registry.Compare(models.Data, embedderFactory: null);

        Assert.Equal(models.GoodManifest.TestIds.Count, comparison.HeldOutRows);
        Assert.Equal(comparison.HeldOutRows, comparison.StagedMetrics!.Rows);
        Assert.Equal(comparison.HeldOutRows, comparison.ActiveMetrics!.Rows);
        Assert.Equal(models.GoodManifest.ReplyThreshold, comparison.StagedMetrics.ReplyThreshold);
        Assert.Equal(models.WorseManifest.ReplyThreshold, comparison.ActiveMetrics.ReplyThreshold);
        // The staged model trained on these labels, so its figures on its own held-out rows are the ones it recorded.
        Assert.Equal(models.GoodManifest.HeldOut.MacroF1, comparison.StagedMetrics.MacroF1, 6);
        Assert.Equal(models.GoodManifest.HeldOut.ReplyPrecision, comparison.StagedMetrics.ReplyPrecision, 6);
    }

    [Fact]
    public void A_model_compared_with_itself_is_promoted_with_identical_figures()
    {
        var registry = Layout(active: models.Good, staged: models.Good);

        var comparison = registry.Compare(models.Data, embedderFactory: null);

        Assert.True(comparison.Decision.Promote);
        Assert.Equal(comparison.ActiveMetrics!.MacroF1, comparison.StagedMetrics!.MacroF1);
        Assert.Equal(comparison.ActiveMetrics.ReplyPrecision, comparison.StagedMetrics.ReplyPrecision);
        Assert.Equal(comparison.ActiveMetrics.Replies, comparison.StagedMetrics.Replies);
        var text = comparison.Render();
        Assert.Contains("[ok] reply precision", text);
        Assert.Contains("verdict: promote", text);
    }

    [Fact]
    public void Rollback_restores_the_backup_bytes_exactly_and_a_second_rollback_undoes_it()
    {
        var registry = Layout(active: models.Worse, staged: models.Good);
        registry.Promote(models.Data, embedderFactory: null);

        registry.Rollback();

        Assert.Equal(models.Worse, File.ReadAllBytes(registry.Active.ModelPath));
        Assert.Equal("card of the model first put in active", File.ReadAllText(registry.Active.CardPath));
        Assert.Equal(models.Good, File.ReadAllBytes(registry.Backup.ModelPath));
        Assert.Equal("card of the model first put in staged", File.ReadAllText(registry.Backup.CardPath));

        registry.Rollback();

        Assert.Equal(models.Good, File.ReadAllBytes(registry.Active.ModelPath));
        Assert.Equal(models.Worse, File.ReadAllBytes(registry.Backup.ModelPath));
        Assert.Equal("card of the model first put in staged", File.ReadAllText(registry.Active.CardPath));
        Assert.Empty(Directory.GetFiles(_temp.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Rollback_without_a_backup_fails_and_leaves_the_active_model()
    {
        var registry = Layout(active: models.Good, staged: null);

        var e = Assert.Throws<ModelLoadException>(registry.Rollback);

        Assert.Contains("no backup model", e.Message);
        Assert.Equal(models.Good, File.ReadAllBytes(registry.Active.ModelPath));
    }

    [Fact]
    public void Compare_without_a_staged_model_says_how_to_make_one()
    {
        var registry = Layout(active: models.Good, staged: null);

        var e = Assert.Throws<ModelLoadException>(() => registry.Compare(models.Data, null));

        Assert.Contains("train --include-feedback", e.Message);
    }

    [Fact]
    public void Promote_refuses_when_none_of_the_held_out_ids_are_in_the_data()
    {
        var registry = Layout(active: models.Worse, staged: models.Good);
        var unrelated = models.Data.Select(r => r with { Id = "x-" + r.Id }).ToList();

        var comparison = registry.Promote(unrelated, embedderFactory: null);

        Assert.False(comparison.Decision.Promote);
        Assert.Contains("held-out ids are in the data", comparison.Decision.Reasons.Single());
        Assert.Equal(models.Worse, File.ReadAllBytes(registry.Active.ModelPath));
    }

    [Fact]
    public void List_shows_each_slot_with_version_threshold_and_held_out_figures()
    {
        var registry = Layout(active: models.Good, staged: null, backup: models.Worse);

        var slots = registry.List();
        var text = ModelListing.Render(slots);

        Assert.Equal(["active", "staged", "backup"], slots.Select(s => s.Slot.Name));
        Assert.Equal(models.GoodManifest.Version, slots[0].Manifest!.Version);
        Assert.Null(slots[1].Manifest);
        Assert.Equal(models.WorseManifest.Version, slots[2].Manifest!.Version);
        var lines = text.Split('\n');
        var active = lines.Single(l => l.StartsWith("active ", StringComparison.Ordinal));
        Assert.Contains(models.GoodManifest.Version, active);
        Assert.Contains("NGrams + LbfgsMaximumEntropy", active);
        Assert.Contains(models.GoodManifest.ReplyThreshold.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture), active);
        Assert.Contains(models.GoodManifest.HeldOut.MacroF1.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture), active);
        Assert.Matches(@"^staged\s+\(none\)", lines.Single(l => l.StartsWith("staged ", StringComparison.Ordinal)));
        Assert.Contains(models.WorseManifest.Version, lines.Single(l => l.StartsWith("backup ", StringComparison.Ordinal)));
    }

    [Fact]
    public void List_reports_an_unreadable_model_instead_of_failing()
    {
        var registry = Layout(active: models.Good, staged: [1, 2, 3]);

        var staged = registry.List()[1];

        Assert.Null(staged.Manifest);
        Assert.Contains("corrupt", staged.Problem);
        Assert.Contains("(unreadable)", ModelListing.Render(registry.List()));
    }

    public void Dispose() => _temp.Dispose();
}
