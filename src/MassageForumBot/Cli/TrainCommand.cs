using System.CommandLine;
using MassageForumBot.Classification;
using MassageForumBot.Classification.Data;
using MassageForumBot.Classification.Evaluation;
using MassageForumBot.Classification.Features;
using MassageForumBot.Classification.Training;
using MassageForumBot.Classification.Inference;
using MassageForumBot.Classification.Registry;
using Microsoft.ML;

namespace MassageForumBot.Cli;

/// <summary>`train`: trains, evaluates on held-out groups, and writes the model and its card; never replaces a good model with a failed one.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var output = new Option<string>("--out", "-o") { Description = $"Where to write the model (default: {ProjectPaths.DefaultModel}). The model card is written beside it as MODEL_CARD.md.", DefaultValueFactory = _ => ProjectPaths.DefaultModel };
        var features = new Option<FeatureSet>("--features") { Description = "NGrams, Embeddings or Combined.", DefaultValueFactory = _ => ModelSpec.Default.Features };
        var trainer = new Option<TrainerKind>("--trainer") { Description = "SdcaMaximumEntropy or LbfgsMaximumEntropy.", DefaultValueFactory = _ => ModelSpec.Default.Trainer };
        var realWeight = new Option<float>("--real-weight") { Description = "Training weight of a real post (source is a web page) against a written one.", DefaultValueFactory = _ => ModelSpec.Default.RealWeight };
        var balance = new Option<bool>("--balance-labels") { Description = "Weight rows so every label counts the same.", DefaultValueFactory = _ => ModelSpec.Default.BalanceLabels };
        var precision = new Option<double>("--precision-target") { Description = "Reply precision (right topic) the threshold is calibrated to reach on out-of-site real posts (a 0.01 margin is added).", DefaultValueFactory = _ => ThresholdCalibrator.DefaultPrecisionTarget };
        var replyScore = new Option<ReplyScore>("--reply-score") { Description = "TopLabel (the likeliest label's probability) or AnyGlutesTopic (1 - P(other)).", DefaultValueFactory = _ => ModelSpec.Default.ReplyScore };
        var cues = new Option<bool>("--cues") { Description = "Add the labelling guide's dense cues (glute words near massage, training or draping words) to the features (true or false).", DefaultValueFactory = _ => ModelSpec.Default.Cues };
        var passages = new Option<bool>("--passages") { Description = "Also score long posts passage by passage (true or false).", DefaultValueFactory = _ => ModelSpec.Default.Passages };
        var extra = new Option<string[]>("--extra-data") { Description = "More labelled files to add (for example a feedback export).", AllowMultipleArgumentsPerToken = true };
        var includeFeedback = new Option<bool>("--include-feedback") { Description = "Add the feedback export (--feedback) and write a candidate to the staged/ folder beside --out (models/staged/classifier.zip and its MODEL_CARD.md); the active model is not touched. Then: promote." };
        var feedback = new Option<string>("--feedback") { Description = $"The feedback export to add with --include-feedback (default: {FeedbackCommand.DefaultFile}).", DefaultValueFactory = _ => FeedbackCommand.DefaultFile };
        var command = new Command("train", "Train the classifier from labelled posts, evaluate it on held-out groups, calibrate the reply threshold, and write the model and MODEL_CARD.md.")
        {
            data, output, features, trainer, realWeight, balance, passages, replyScore, cues, precision, extra, includeFeedback, feedback,
        };
        command.SetAction((parse, cancel) => CliErrors.Guard(() =>
        {
            var dataPath = ProjectPaths.Resolve(parse.GetValue(data)!);
            var rows = DatasetReader.Read(dataPath).ToList();
            foreach (var more in parse.GetValue(extra) ?? [])
                rows.AddRange(DatasetReader.Read(ProjectPaths.Resolve(more)));
            var outPath = parse.GetValue(output)!;
            var spec = new ModelSpec(parse.GetValue(features), parse.GetValue(trainer))
            {
                RealWeight = parse.GetValue(realWeight), BalanceLabels = parse.GetValue(balance), Passages = parse.GetValue(passages),
                ReplyScore = parse.GetValue(replyScore), Cues = parse.GetValue(cues),
            };
            if (!parse.GetValue(includeFeedback))
            {
                Train(rows, spec, dataPath, outPath, Console.Out, precisionTarget: parse.GetValue(precision));
                return Task.FromResult(0);
            }

            var log = parse.InvocationConfiguration.Output;
            var feedbackPath = ProjectPaths.Resolve(parse.GetValue(feedback)!);
            if (!File.Exists(feedbackPath))
                throw new CliException($"no feedback file at {Path.GetFullPath(feedbackPath)}; write one with: feedback export --out {parse.GetValue(feedback)}");
            var feedbackRows = DatasetReader.Read(feedbackPath);
            var ids = rows.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            if (feedbackRows.FirstOrDefault(r => ids.Contains(r.Id)) is { } twin)
                throw new DatasetException($"{twin.Location}: id '{twin.Id}' is already in the training data; is the feedback file also given as --data or --extra-data?");
            rows.AddRange(feedbackRows);
            log.WriteLine($"added {feedbackRows.Count} feedback rows from {feedbackPath} ({string.Join(", ", feedbackRows.GroupBy(r => r.Label).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"))})");
            var staged = new ModelRegistry(ProjectPaths.Resolve(outPath)).Staged;
            var description = $"{Relative(dataPath)} + {Relative(feedbackPath)}";
            Train(rows, spec, dataPath, staged.ModelPath, log, description, parse.GetValue(precision));
            log.WriteLine($"staged a candidate; compare and promote it with: promote (the active model {ProjectPaths.Resolve(outPath)} is unchanged)");
            return Task.FromResult(0);
        }));
        return command;
    }

    public static TrainingResult Train(IReadOnlyList<LabelledPost> rows, ModelSpec spec, string dataPath, string outPath, TextWriter log, string? dataDescription = null,
        double precisionTarget = ThresholdCalibrator.DefaultPrecisionTarget)
    {
        var ml = new MLContext(seed: 1);
        using var encoder = spec.Features.UsesEmbeddings() ? new ArcticXsEmbedder() : null;
        // Vectors are kept between runs (a retrain after new rows encodes only the new texts).
        var embedder = encoder is null ? null : new DiskCachedEmbedder(encoder, EmbeddingCachePath);
        if (precisionTarget is <= 0 or > 1) throw new CliException($"--precision-target {precisionTarget}: give a value above 0 and at most 1");
        var result = new TrainingRun(ml, embedder, log).Run(rows, spec, precisionTarget);
        embedder?.Save();
        // The model is saved aside and renamed into place; the card follows only once the model is in place.
        ModelBundle.Save(outPath, ml, result.Model, result.Manifest);
        var cardPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outPath))!, "MODEL_CARD.md");
        AtomicFile.WriteAllText(cardPath, ModelCardWriter.Render(result, rows, dataDescription ?? Relative(dataPath)));
        RealPredictionsFile.Write(RealPredictionsFile.PathBeside(outPath), result.Manifest, rows);
        log.WriteLine($"wrote {outPath} and {cardPath} ({result.Duration.TotalSeconds:F1} s)");
        return result;
    }

    /// <summary>Where sentence vectors are cached between training runs (a cache only: deleting it costs time, not results).</summary>
    public static string EmbeddingCachePath => Path.Combine(Path.GetTempPath(), "massageforumbot", "embeddings-arcticxs.bin");

    /// <summary>The path relative to the working directory when it is below it, else the full path.</summary>
    private static string Relative(string path)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? Path.GetFullPath(path) : relative;
    }
}
