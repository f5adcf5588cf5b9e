using MassageForumBot.Classification.Evaluation;
using System.CommandLine;
using MassageForumBot.Classification.Data;
using MassageForumBot.Classification.Features;
using MassageForumBot.Classification.Registry;
using MassageForumBot.Configuration;

namespace MassageForumBot.Cli;

/// <summary>`promote`, `rollback` and `models list`: the active, staged and backup models (see <see cref="ModelRegistry"/>).</summary>
public static class ModelsCommand
{
    private static Option<string?> ActiveModel() => new("--model", "-m")
    {
        Description = "The active model file (default: Classifier:ModelPath, models/classifier.zip); staged/ and backup/ are the folders beside it.",
    };

    public static ModelRegistry Registry(string? activeModel) =>
        new(ProjectPaths.Resolve(activeModel ?? CliConfiguration.Section<ClassifierOptions>(ClassifierOptions.Section).ModelPath));

    /// <summary>`models` with its `list` sub-verb.</summary>
    public static Command Create()
    {
        var model = ActiveModel();
        var list = new Command("list", "Show the active, staged and backup models: version, dates, features and trainer, reply threshold, held-out macro-F1 and reply precision.") { model };
        list.SetAction((parse, cancel) => CliErrors.Guard(() =>
        {
            parse.InvocationConfiguration.Output.Write(ModelListing.Render(Registry(parse.GetValue(model)).List()));
            return Task.FromResult(0);
        }));
        return new Command("models", "The active, staged and backup models.") { list };
    }

    public static Command CreatePromote()
    {
        var model = ActiveModel();
        var data = CommonOptions.Data();
        var feedback = new Option<string>("--feedback") { Description = $"The feedback export the staged model was trained with (default: {FeedbackCommand.DefaultFile}; skipped when absent).", DefaultValueFactory = _ => FeedbackCommand.DefaultFile };
        var dryRun = new Option<bool>("--dry-run") { Description = "Compare and print the verdict, but move nothing." };
        var command = new Command("promote", $"""
            Score the staged model and the active one on the same rows (the staged model's held-out ids, from --data and --feedback)
            and make the staged model active only when its reply precision is at least the bar recorded in the active model's card
            and its macro-F1 drops by no more than {PromotionRule.MaxMacroF1Drop:0.00}, and its reply F1 on real posts from unseen sites
            (recorded in training) is not below the active model's. The replaced model is kept as the backup (see rollback).
            Exit 1 when refused.
            """)
        {
            model, data, feedback, dryRun,
        };
        command.SetAction((parse, cancel) => CliErrors.Guard(() =>
        {
            var output = parse.InvocationConfiguration.Output;
            var registry = Registry(parse.GetValue(model));
            if (!registry.Staged.Exists)
                throw new CliException($"no staged model at {registry.Staged.ModelPath}; train one with: train --include-feedback");
            var rows = LoadRows(parse.GetValue(data)!, parse.GetValue(feedback)!, output);
            var comparison = registry.Compare(rows, () => new ArcticXsEmbedder());
            output.Write(comparison.Render());
            if (!comparison.Decision.Promote)
            {
                output.WriteLine($"not promoted: {registry.Active.ModelPath} is unchanged; the candidate stays in {registry.Staged.ModelPath}.");
                return Task.FromResult(1);
            }
            if (parse.GetValue(dryRun))
            {
                output.WriteLine("dry run: nothing moved.");
                return Task.FromResult(0);
            }
            registry.PromoteStaged();
            RealPredictionsFile.Write(RealPredictionsFile.PathBeside(registry.Active.ModelPath), comparison.Staged, rows);
            output.WriteLine($"promoted {comparison.Staged.Version}: now {registry.Active.ModelPath}"
                + (comparison.Active is null ? "." : $"; {comparison.Active.Version} kept as {registry.Backup.ModelPath} (rollback restores it)."));
            output.WriteLine("A running worker picks the new model up by itself (it watches the model file) and logs the version switch.");
            return Task.FromResult(0);
        }));
        return command;
    }

    public static Command CreateRollback()
    {
        var model = ActiveModel();
        var command = new Command("rollback", "Make the backup model active again; the replaced active model becomes the backup, so a second rollback undoes the first.") { model };
        command.SetAction((parse, cancel) => CliErrors.Guard(() =>
        {
            var output = parse.InvocationConfiguration.Output;
            var registry = Registry(parse.GetValue(model));
            var before = ModelRegistry.Describe(registry.Active).Manifest?.Version ?? "(none)";
            var restoring = ModelRegistry.Describe(registry.Backup).Manifest?.Version ?? "(unreadable)";
            registry.Rollback();
            output.WriteLine($"rolled back: {restoring} is active again ({registry.Active.ModelPath}); {before} is now the backup.");
            return Task.FromResult(0);
        }));
        return command;
    }

    /// <summary>The data folder plus the feedback export when there is one; an id in both counts once.</summary>
    private static List<LabelledPost> LoadRows(string data, string feedback, TextWriter output)
    {
        var rows = DatasetReader.Read(ProjectPaths.Resolve(data)).ToList();
        var feedbackPath = ProjectPaths.Resolve(feedback);
        if (File.Exists(feedbackPath))
        {
            var ids = rows.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            var more = DatasetReader.Read(feedbackPath).Where(r => ids.Add(r.Id)).ToList();
            rows.AddRange(more);
            output.WriteLine($"data: {rows.Count - more.Count} rows from {data} + {more.Count} from {feedbackPath}");
        }
        else
        {
            output.WriteLine($"data: {rows.Count} rows from {data} (no feedback file at {feedback})");
        }
        return rows;
    }
}
