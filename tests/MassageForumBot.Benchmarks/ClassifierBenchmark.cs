using System.Diagnostics;
using MassageForumBot.Classification.Data;
using MassageForumBot.Classification.Features;
using MassageForumBot.Classification.Inference;
using MassageForumBot.Classification.Training;
using MassageForumBot.Cli;
using Microsoft.ML;

namespace MassageForumBot.Benchmarks;

/// <summary>Model load, per-post latency, throughput on 1 and 2 threads, memory, and training time.</summary>
internal static class ClassifierBenchmark
{
    public static void Run(bool includeTraining)
    {
        var posts = DatasetReader.Read(ProjectPaths.Resolve(ProjectPaths.DefaultData)).Select(p => p.Text).ToList();

        var clock = Stopwatch.StartNew();
        var classifier = PostClassifier.Load(ProjectPaths.Resolve(ProjectPaths.DefaultModel), () => new ArcticXsEmbedder());
        classifier.Classify("warm up: does everyone include the glutes?");
        Console.WriteLine($"model load (incl. encoder and first prediction): {clock.Elapsed.TotalMilliseconds:F0} ms");

        foreach (var p in posts.Take(100)) classifier.Classify(p); // warm-up
        var latencies = new List<double>();
        foreach (var p in posts.Take(1000))
        {
            var start = Stopwatch.GetTimestamp();
            classifier.Classify(p);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        Console.WriteLine($"classify latency, Combined model, 1000 posts: p50 {Percentiles.Of(latencies, 50):F2} ms, p99 {Percentiles.Of(latencies, 99):F2} ms");

        foreach (var threads in new[] { 1, 2 })
        {
            clock.Restart();
            var count = 0;
            Parallel.ForEach(posts, new ParallelOptions { MaxDegreeOfParallelism = threads }, p => { classifier.Classify(p); Interlocked.Increment(ref count); });
            Console.WriteLine($"throughput, {threads} thread(s): {count / clock.Elapsed.TotalSeconds:F0} posts/s ({count} posts)");
        }

        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine($"memory: working set {Percentiles.MegaBytes(process.WorkingSet64):F0} MB steady, peak {Percentiles.MegaBytes(process.PeakWorkingSet64):F0} MB, managed heap {Percentiles.MegaBytes(GC.GetTotalMemory(false)):F0} MB");

        NGramLatency(posts);

        if (includeTraining)
        {
            var rows = DatasetReader.Read(ProjectPaths.Resolve(ProjectPaths.DefaultData));
            clock.Restart();
            using var embedder = new ArcticXsEmbedder();
            new TrainingRun(new MLContext(seed: 1), embedder, TextWriter.Null).Run(rows, ModelSpec.Default);
            Console.WriteLine($"training on the shipped data ({rows.Count} rows, 5-fold CV + final fit + held-out scoring): {clock.Elapsed.TotalSeconds:F1} s");
        }
    }

    /// <summary>An n-gram-only model of the same data, for the latency without the sentence encoder.</summary>
    private static void NGramLatency(IReadOnlyList<string> posts)
    {
        var rows = DatasetReader.Read(ProjectPaths.Resolve(ProjectPaths.DefaultData));
        var ml = new MLContext(seed: 1);
        var spec = new ModelSpec(FeatureSet.NGrams, TrainerKind.LbfgsMaximumEntropy);
        var model = new ModelBuilder(ml, new PostRowFactory(null)).Train(rows, spec);
        var path = Path.Combine(Path.GetTempPath(), $"mfb-bench-{Guid.NewGuid():N}.zip");
        try
        {
            var manifest = new ModelManifest
            {
                Version = "bench", CreatedAt = DateTimeOffset.UtcNow, Features = spec.Features.ToString(), Trainer = spec.Trainer.ToString(),
                Labels = model.Labels, ReplyThreshold = 0.65, ReplyPrecisionTarget = 0.95, DataFingerprint = "bench", TrainRows = rows.Count,
                TestIds = [], HeldOut = Classification.Evaluation.MetricsCalculator.Compute([], model.Labels, 0.65),
            };
            ModelBundle.Save(path, ml, model, manifest);
            var classifier = PostClassifier.Load(path, () => throw new InvalidOperationException("n-gram models need no encoder"));
            foreach (var p in posts.Take(200)) classifier.Classify(p);
            var latencies = new List<double>();
            foreach (var p in posts.Take(1000))
            {
                var start = Stopwatch.GetTimestamp();
                classifier.Classify(p);
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            Console.WriteLine($"classify latency, n-gram-only model: p50 {Percentiles.Of(latencies, 50):F3} ms, p99 {Percentiles.Of(latencies, 99):F3} ms");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
