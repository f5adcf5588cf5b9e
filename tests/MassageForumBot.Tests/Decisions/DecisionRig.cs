using MassageForumBot.Classification.Inference;
using MassageForumBot.Cli;
using MassageForumBot.Configuration;
using MassageForumBot.Decisions;
using MassageForumBot.Replies;
using MassageForumBot.Storage;
using MassageForumBot.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MassageForumBot.Tests.Decisions;

/// <summary>The shipped topics and notes, parsed once for every decision test.</summary>
public sealed class TopicsFixture
{
    public TopicLibrary Library { get; } = TopicLibrary.Load(ProjectPaths.Resolve(ProjectPaths.DefaultTopics));
}

/// <summary>A classifier that answers what the test scripted, and counts how often it was asked.</summary>
public sealed class ScriptedClassifier : IPostClassifier
{
    private readonly Dictionary<string, Prediction> _answers = new(StringComparer.Ordinal);
    private int _calls;

    public ScriptedClassifier(double modelThreshold)
    {
        ModelThreshold = modelThreshold;
    }

    public double ModelThreshold { get; }

    public int Calls => Volatile.Read(ref _calls);

    public string Answer(string text, string topic, double confidence, float[]? vector = null)
    {
        // Reply is deliberately the opposite of what the threshold says: the core must not read it.
        _answers[text] = new Prediction(topic, confidence, Reply: confidence < ModelThreshold,
            new Dictionary<string, double> { [topic] = confidence, ["other"] = 1 - confidence }, vector);
        return text;
    }

    public Prediction Classify(string text)
    {
        Interlocked.Increment(ref _calls);
        return _answers.TryGetValue(text, out var answer)
            ? answer
            : new Prediction("other", 0.99, false, new Dictionary<string, double> { ["other"] = 0.99 });
    }
}

/// <summary>Links of a public forum at a made-up address, to see that the core takes links only from its builder.</summary>
public sealed class ForumLinks : ILinkBuilder
{
    public Uri? PostLink(ulong guildId, ulong channelId, ulong messageId) => new($"https://forum.example.org/{guildId}/{channelId}/{messageId}");
}

/// <summary>Records what it was asked to send; can be told to fail.</summary>
public sealed class RecordingSender : IPlanSender
{
    public List<PostPlan> Sent { get; } = [];

    public List<PostPlan> RedFlags { get; } = [];

    public Exception? Failure { get; set; }

    public Task<ulong?> SendAsync(PostPlan plan, CancellationToken cancel)
    {
        if (Failure is not null)
        {
            throw Failure;
        }
        Sent.Add(plan);
        return Task.FromResult<ulong?>(900_000 + (ulong)Sent.Count);
    }

    public Task NotifyRedFlagAsync(PostPlan plan, CancellationToken cancel)
    {
        RedFlags.Add(plan);
        return Task.CompletedTask;
    }
}

/// <summary>The decision core over the in-memory SQLite store, a scripted classifier and a fake clock.</summary>
public sealed class DecisionRig : IAsyncDisposable
{
    public const ulong Guild = 5;
    public const ulong Watched = 50;
    public const ulong Unwatched = 51;
    public const ulong Member = 7;

    private readonly EphemeralStore _memory;
    private long _nextId = 1000;

    private DecisionRig(EphemeralStore memory, TopicLibrary topics, BotOptions options, ILinkBuilder links, double modelThreshold)
    {
        _memory = memory;
        Classifier = new ScriptedClassifier(modelThreshold);
        Policies = new GuildPolicy(Store, Classifier, Options.Create(options), Time);
        Core = new DecisionCore(Policies, Store, new RedFlagDetector(), Classifier, Store, Store, Store, links,
            new ReplyComposer(topics, new NoteLinks(new Uri("https://notes.example.org/notes/"))), Options.Create(options), Time,
            NullLogger<DecisionCore>.Instance);
        Handler = new PostHandler(Core, NullLogger<PostHandler>.Instance);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    public ScriptedClassifier Classifier { get; }

    public GuildPolicy Policies { get; }

    public DecisionCore Core { get; }

    public PostHandler Handler { get; }

    public RecordingSender Sender { get; } = new();

    public IBotStore Store => _memory.Store;

    public static async Task<DecisionRig> CreateAsync(TopicLibrary topics, BotMode mode = BotMode.Live, double? configuredThreshold = null,
        ILinkBuilder? links = null, double modelThreshold = 0.5)
    {
        var options = new BotOptions { Mode = mode, Channels = [Watched], ReplyThreshold = configuredThreshold };
        return new DecisionRig(await EphemeralStore.CreateAsync(), topics, options, links ?? new NoLinks(), modelThreshold);
    }

    public IncomingPost Post(string text, ulong channel = Watched, ulong author = Member, ulong? id = null) =>
        new(id ?? (ulong)Interlocked.Increment(ref _nextId), Guild, channel, null, author, text, Time.GetUtcNow(), channel);

    public ValueTask DisposeAsync() => _memory.DisposeAsync();
}
