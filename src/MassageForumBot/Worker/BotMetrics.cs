using System.Diagnostics.Metrics;
using MassageForumBot.Storage;

namespace MassageForumBot.Worker;

/// <summary>
/// The worker's instruments (System.Diagnostics.Metrics), exported by the web console on /metrics as
/// massageforumbot_posts_classified_total, massageforumbot_replies_total{mode,topic} and
/// massageforumbot_feedback_total{kind}.
/// </summary>
public static class BotMetrics
{
    public const string MeterName = "MassageForumBot";

    /// <summary>Reply modes as they appear in the "mode" label.</summary>
    public const string Live = "live";
    public const string Shadow = "shadow";

    private static readonly Meter Meter = new(MeterName);

    public static Counter<long> PostsClassified { get; } =
        Meter.CreateCounter<long>("massageforumbot.posts.classified", description: "Thread starters the pipeline classified.");

    public static Counter<long> Replies { get; } =
        Meter.CreateCounter<long>("massageforumbot.replies", description: "Replies posted (mode=live) and shadow drafts made (mode=shadow), by topic.");

    public static Counter<long> Feedback { get; } =
        Meter.CreateCounter<long>("massageforumbot.feedback", description: "Feedback recorded on replies, by kind.");

    public static void Reply(bool live, string topic) => Replies.Add(1,
        new KeyValuePair<string, object?>("mode", live ? Live : Shadow), new KeyValuePair<string, object?>("topic", topic));

    public static void FeedbackRecorded(string kind) => Feedback.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>
    /// Adds zero to every known series so a fresh process exports them at 0 instead of omitting them until the first
    /// event (Prometheus rates and alerts need the series to exist). Call after the exporter has started listening.
    /// </summary>
    public static void Initialize(IEnumerable<string> replyTopics)
    {
        PostsClassified.Add(0);
        foreach (var topic in replyTopics)
        {
            Replies.Add(0, new KeyValuePair<string, object?>("mode", Live), new KeyValuePair<string, object?>("topic", topic));
            Replies.Add(0, new KeyValuePair<string, object?>("mode", Shadow), new KeyValuePair<string, object?>("topic", topic));
        }
        foreach (var kind in new[] { FeedbackKinds.Helpful, FeedbackKinds.NotHelpful, FeedbackKinds.WrongTopic, FeedbackKinds.Removed })
            Feedback.Add(0, new KeyValuePair<string, object?>("kind", kind));
        Discord.DiscordMetrics.GatewayReconnects.Add(0);
        Discord.DiscordMetrics.RestRateLimited.Add(0);
    }
}
