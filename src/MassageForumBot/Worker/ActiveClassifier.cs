using MassageForumBot.Classification.Inference;
using MassageForumBot.Cli;
using MassageForumBot.Configuration;
using MassageForumBot.Decisions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MassageForumBot.Worker;

/// <summary>
/// The classifier the worker uses now. Loaded once at start; <see cref="Reload"/> swaps in a newly promoted model
/// without a restart. Calls in flight finish on the old one, which is disposed (its prediction engines and ONNX
/// session) when the last of them is done. It loads the model's own threshold: overrides (Bot:ReplyThreshold, a
/// moderator's) are applied by the decision core, once. Not disposable itself: it lives as long as the process, and
/// DI would otherwise dispose a classifier shared between hosts (tests) through the IPostClassifier factory.
/// </summary>
public sealed class ActiveClassifier : IPostClassifier
{
    private readonly string _modelPath;
    private readonly ILogger<ActiveClassifier> _log;
    private readonly TimeProvider _time;
    private readonly Lock _reloading = new();
    private volatile SharedInstance<PostClassifier> _current;

    public ActiveClassifier(IOptions<ClassifierOptions> classifier, ILogger<ActiveClassifier> log, TimeProvider? time = null)
    {
        _modelPath = ProjectPaths.Resolve(classifier.Value.ModelPath);
        _log = log;
        _time = time ?? TimeProvider.System;
        var loaded = ClassifierFactory.Load(_modelPath);
        _current = new SharedInstance<PostClassifier>(loaded);
        _log.LogInformation("Loaded model {Version} ({Features} + {Trainer}), reply threshold {Threshold:F3}",
            loaded.Manifest.Version, loaded.Manifest.Features, loaded.Manifest.Trainer, loaded.Manifest.ReplyThreshold);
    }

    /// <summary>The serving model, for its manifest and labels; classify through <see cref="Classify"/>, which keeps a
    /// replaced model alive until the call is done.</summary>
    public PostClassifier Current => _current.Value;

    public double ModelThreshold => _current.Value.Manifest.ReplyThreshold;

    public string ModelPath => _modelPath;

    /// <summary>Why the last reload failed (the old model kept serving), or null when it succeeded or none ran.</summary>
    public string? LastReloadFailure { get; private set; }

    /// <summary>When the last reload failed, or null.</summary>
    public DateTimeOffset? LastReloadFailedAt { get; private set; }

    public Prediction Classify(string text)
    {
        var lease = Borrow();
        try
        {
            return lease.Value.Classify(text);
        }
        finally
        {
            lease.Release();
        }
    }

    /// <summary>The current model, borrowed; a model retired between reading and borrowing it is skipped for the newer one.</summary>
    private SharedInstance<PostClassifier> Borrow()
    {
        while (true)
        {
            var current = _current;
            if (current.TryAcquire()) return current;
        }
    }

    /// <summary>Loads the model file again; keeps the current model when the new one cannot be loaded.</summary>
    public bool Reload()
    {
        lock (_reloading)
        {
            try
            {
                var next = ClassifierFactory.Load(_modelPath);
                var previous = _current;
                _current = new SharedInstance<PostClassifier>(next);
                previous.Retire();
                LastReloadFailure = null;
                LastReloadFailedAt = null;
                _log.LogInformation("Model switched from {Previous} to {Version}", previous.Value.Manifest.Version, next.Manifest.Version);
                return true;
            }
            // Any failure (a corrupt zip, a manifest with null fields, a broken pipeline) keeps the old model serving:
            // a bad file dropped next to a running worker must never end the process.
#pragma warning disable CA1031
            catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
            {
                LastReloadFailure = e.Message;
                LastReloadFailedAt = _time.GetUtcNow();
                _log.LogError("Model reload failed, keeping {Version}: {Message}", _current.Value.Manifest.Version, e.Message);
                return false;
            }
        }
    }
}
