using System.Diagnostics.Metrics;

namespace MassageForumBot.Classification.Inference;

/// <summary>The classifier's instruments (System.Diagnostics.Metrics); the host decides how to export them.</summary>
public static class ClassifierMetrics
{
    public const string MeterName = "MassageForumBot.Classification";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Seconds per classification, model inference only. Buckets from 1 ms to 10 s.</summary>
    public static Histogram<double> ClassifyDuration { get; } = Meter.CreateHistogram(
        "massageforumbot.classify.duration", unit: "s", description: "Time to classify one post.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
}
