using MassageForumBot.Classification.Inference;

namespace MassageForumBot.Tests.Cli;

/// <summary>promote, rollback, models list and train --include-feedback on a models folder of their own.</summary>
public sealed class ModelRegistryCommandTests(LoopModelsFixture models) : IClassFixture<LoopModelsFixture>, IDisposable
{
    private readonly LoopTempFolder _temp = new();

    private string Active => _temp.File("models", "classifier.zip");

    private string ActiveCard => _temp.File("models", "MODEL_CARD.md");

    private string Staged => _temp.File("models", "staged", "classifier.zip");

    private string Backup => _temp.File("models", "backup", "classifier.zip");

    private void Put(string path, byte[] model, string card)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, model);
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(path)!, "MODEL_CARD.md"), card);
    }

    private Task<(int Exit, string Output)> Promote(params string[] more) =>
        LearningLoopCli.RunAsync(["promote", "--model", Active, "--data", models.DataFile, "--feedback", _temp.File("none.jsonl"), .. more]);

    [Fact]
    public async Task Promote_refuses_a_worse_model_prints_both_and_exits_1()
    {
        Put(Active, models.Good, models.GoodCard);
        Put(Staged, models.Worse, models.WorseCard);

        var (exit, output) = await Promote();

        Assert.Equal(1, exit);
        Assert.Contains($"version               {models.GoodVersion}", output);
        Assert.Matches(@"\[FAIL\] macro-F1 \d\.\d{3} -> \d\.\d{3} \(-\d\.\d{3}\), drops more than the allowed drop of 0\.010", output);
        Assert.Contains("verdict: refused", output);
        Assert.Contains("not promoted", output);
        Assert.Equal(models.Good, File.ReadAllBytes(Active));
        Assert.Equal(models.Worse, File.ReadAllBytes(Staged));
        Assert.False(File.Exists(Backup));
    }

    [Fact]
    public async Task Promote_accepts_a_better_model_list_shows_it_and_rollback_restores_the_old_one_byte_for_byte()
    {
        Put(Active, models.Worse, models.WorseCard);
        Put(Staged, models.Good, models.GoodCard);

        var (exit, output) = await Promote();

        Assert.Equal(0, exit);
        Assert.Contains("verdict: promote", output);
        Assert.Contains($"promoted {models.GoodVersion}", output);
        Assert.Equal(models.Good, File.ReadAllBytes(Active));
        Assert.Equal(models.GoodCard, File.ReadAllText(ActiveCard));
        Assert.Equal(models.Worse, File.ReadAllBytes(Backup));
        Assert.False(File.Exists(Staged));

        var (listExit, list) = await LearningLoopCli.RunAsync("models", "list", "--model", Active);
        Assert.Equal(0, listExit);
        var lines = list.Split('\n');
        Assert.Contains(models.GoodVersion, lines.Single(l => l.StartsWith("active ", StringComparison.Ordinal)));
        Assert.Matches(@"^staged\s+\(none\)", lines.Single(l => l.StartsWith("staged ", StringComparison.Ordinal)));
        Assert.Contains(models.WorseVersion, lines.Single(l => l.StartsWith("backup ", StringComparison.Ordinal)));
        Assert.Contains("NGrams + LbfgsMaximumEntropy", list);

        var (rollbackExit, rolled) = await LearningLoopCli.RunAsync("rollback", "--model", Active);
        Assert.Equal(0, rollbackExit);
        Assert.Contains($"rolled back: {models.WorseVersion} is active again", rolled);
        Assert.Equal(models.Worse, File.ReadAllBytes(Active));
        Assert.Equal(models.WorseCard, File.ReadAllText(ActiveCard));
        Assert.Equal(models.Good, File.ReadAllBytes(Backup));

        (rollbackExit, _) = await LearningLoopCli.RunAsync("rollback", "--model", Active);
        Assert.Equal(0, rollbackExit);
        Assert.Equal(models.Good, File.ReadAllBytes(Active));
        Assert.Equal(models.Worse, File.ReadAllBytes(Backup));
    }

    [Fact]
    public async Task Dry_run_compares_but_moves_nothing()
    {
        Put(Active, models.Worse, models.WorseCard);
        Put(Staged, models.Good, models.GoodCard);

        var (exit, output) = await Promote("--dry-run");

        Assert.Equal(0, exit);
        Assert.Contains("verdict: promote", output);
        Assert.Equal(models.Worse, File.ReadAllBytes(Active));
        Assert.Equal(models.Good, File.ReadAllBytes(Staged));
        Assert.False(File.Exists(Backup));
    }

    [Fact]
    public async Task Promote_without_a_staged_model_and_rollback_without_a_backup_exit_1()
    {
        Put(Active, models.Good, models.GoodCard);

        Assert.Equal(1, (await Promote()).Exit);
        Assert.Equal(1, (await LearningLoopCli.RunAsync("rollback", "--model", Active)).Exit);
        Assert.Equal(models.Good, File.ReadAllBytes(Active));
    }

    [Fact]
    public async Task Train_with_feedback_writes_a_staged_candidate_and_card_and_leaves_the_active_model_alone()
    {
        Put(Active, models.Good, models.GoodCard);
        var feedback = _temp.File("feedback.jsonl");
        File.WriteAllText(feedback, string.Join("\n",
            """{"id": "fb-1", "text": "how do you drape the glutes with a towel for a shy client", "label": "glutes-draping", "source": "feedback:discord", "group": "fb-1"}""",
            """{"id": "fb-2", "text": "glute work helped my client's lumbar ache after lifting", "label": "glutes-lowback", "source": "feedback:discord", "group": "fb-2"}""",
            """{"id": "fb-3", "text": "is it standard to include glutes in a full body routine", "label": "glutes-routine", "source": "feedback:discord", "group": "fb-3"}""",
            """{"id": "fb-4", "text": "which booking software sends invoices automatically", "label": "other", "source": "feedback:discord", "group": "fb-4"}""") + "\n");

        var (exit, output) = await LearningLoopCli.RunAsync("train", "--data", models.DataFile, "--out", Active,
            "--include-feedback", "--feedback", feedback, "--features", "NGrams");

        Assert.Equal(0, exit);
        Assert.Contains("added 4 feedback rows", output);
        Assert.Equal(models.Good, File.ReadAllBytes(Active));
        Assert.Equal(models.GoodCard, File.ReadAllText(ActiveCard));
        var manifest = ModelBundle.ReadManifest(Staged);
        Assert.Equal(64, manifest.TrainRows + manifest.TestIds.Count);
        var card = File.ReadAllText(_temp.File("models", "staged", "MODEL_CARD.md"));
        Assert.Contains($"| version | `{manifest.Version}` |", card);
        Assert.Contains("64 rows", card);
        Assert.Contains("feedback.jsonl", card);
    }

    [Fact]
    public async Task Train_with_feedback_but_no_feedback_file_fails_before_training()
    {
        var (exit, _) = await LearningLoopCli.RunAsync("train", "--data", models.DataFile, "--out", Active,
            "--include-feedback", "--feedback", _temp.File("missing.jsonl"), "--features", "NGrams");

        Assert.Equal(1, exit);
        Assert.False(Directory.Exists(_temp.File("models", "staged")));
    }

    [Fact]
    public async Task Train_without_the_flag_still_writes_where_out_says()
    {
        var elsewhere = _temp.File("elsewhere", "model.zip");

        var (exit, _) = await LearningLoopCli.RunAsync("train", "--data", models.DataFile, "--out", elsewhere, "--features", "NGrams");

        Assert.Equal(0, exit);
        Assert.True(File.Exists(elsewhere));
        Assert.True(File.Exists(_temp.File("elsewhere", "MODEL_CARD.md")));
        Assert.False(Directory.Exists(_temp.File("elsewhere", "staged")));
    }

    public void Dispose() => _temp.Dispose();
}
