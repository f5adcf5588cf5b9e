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
        var data = DatasetReader.Read(ProjectPaths.Resolve(ProjectPaths.DefaultData));
        // Real posts first: they are what members write (most are long); written posts fill up to 1,000.
        var posts = data.Where(p => p.IsReal).Concat(data.Where(p => !p.IsReal)).Select(p => p.Text).Take(1000).ToList();
        var realCount = Math.Min(1000, data.Count(p => p.IsReal));

        var clock = Stopwatch.StartNew();
        var classifier = PostClassifier.Load(ProjectPaths.Resolve(ProjectPaths.DefaultModel), () => new ArcticXsEmbedder());
        classifier.Classify("warm up: does everyone include the glutes?");
        Console.WriteLine($"model load (incl. encoder and first prediction): {clock.Elapsed.TotalMilliseconds:F0} ms");

        // The encoder alone, as the classifier's own encoder is configured (one intra-op thread), on the same posts.
        using var encoder = new ArcticXsEmbedder();
        foreach (var p in posts.Take(100)) { encoder.Embed(p); classifier.Classify(p); } // warm-up
        var encoderMs = new List<double>();
        var classifyMs = new List<double>();
        foreach (var p in posts)
        {
            var start = Stopwatch.GetTimestamp();
            encoder.Embed(p);
            encoderMs.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            start = Stopwatch.GetTimestamp();
            classifier.Classify(p);
            classifyMs.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        var words = posts.Select(p => p.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length).Order().ToList();
        Console.WriteLine($"{posts.Count} posts ({realCount} real, then written ones), median {words[words.Count / 2]} words, {posts.Count(p => Passages.Of(p).Count > 0)} long enough for passages");
        Console.WriteLine($"encoder forward pass alone: p50 {Percentiles.Of(encoderMs, 50):F2} ms, p99 {Percentiles.Of(encoderMs, 99):F2} ms");
        Console.WriteLine($"full classify call:         p50 {Percentiles.Of(classifyMs, 50):F2} ms, p99 {Percentiles.Of(classifyMs, 99):F2} ms");
        Console.WriteLine($"ratio classify / encoder:   p50 {Percentiles.Of(classifyMs, 50) / Percentiles.Of(encoderMs, 50):F2}x, p99 {Percentiles.Of(classifyMs, 99) / Percentiles.Of(encoderMs, 99):F2}x (target: p50 within 1.5x)");
        var realOnly = Enumerable.Range(0, realCount).ToList();
        if (realCount > 0)
            Console.WriteLine($"real posts only ({realCount}): encoder p50 {Percentiles.Of(realOnly.Select(i => encoderMs[i]).ToList(), 50):F2} ms, classify p50 {Percentiles.Of(realOnly.Select(i => classifyMs[i]).ToList(), 50):F2} ms, p99 {Percentiles.Of(realOnly.Select(i => classifyMs[i]).ToList(), 99):F2} ms");

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

        if (includeTraining)
        {
            NGramLatency(posts);
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
