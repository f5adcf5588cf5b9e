using MassageForumBot.Classification.Inference;
using MassageForumBot.Cli;
using MassageForumBot.Configuration;
using MassageForumBot.Decisions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MassageForumBot.Worker;

/// <summary>
/// The classifier the worker uses now. Loaded once at start; <see cref="Reload"/> swaps in a newly promoted model
/// without a restart (requests in flight finish on the old one). It loads the model's own threshold: overrides
/// (Bot:ReplyThreshold, a moderator's) are applied by the decision core, once.
/// </summary>
public sealed class ActiveClassifier : IPostClassifier
{
    private readonly string _modelPath;
    private readonly ILogger<ActiveClassifier> _log;
    private readonly Lock _reloading = new();
    private volatile PostClassifier _current;

    public ActiveClassifier(IOptions<ClassifierOptions> classifier, ILogger<ActiveClassifier> log)
    {
        _modelPath = ProjectPaths.Resolve(classifier.Value.ModelPath);
        _log = log;
        _current = ClassifierFactory.Load(_modelPath);
        _log.LogInformation("Loaded model {Version} ({Features} + {Trainer}), reply threshold {Threshold:F3}",
            _current.Manifest.Version, _current.Manifest.Features, _current.Manifest.Trainer, _current.Manifest.ReplyThreshold);
    }

    public PostClassifier Current => _current;

    public double ModelThreshold => _current.Manifest.ReplyThreshold;

    public string ModelPath => _modelPath;

    /// <summary>Why the last reload failed (the old model kept serving), or null when it succeeded or none ran.</summary>
    public string? LastReloadFailure { get; private set; }

    public Prediction Classify(string text) => _current.Classify(text);

    /// <summary>Loads the model file again; keeps the current model when the new one cannot be loaded.</summary>
    public bool Reload()
    {
        lock (_reloading)
        {
            try
            {
                var next = ClassifierFactory.Load(_modelPath);
                var previous = _current.Manifest.Version;
                _current = next;
                LastReloadFailure = null;
                _log.LogInformation("Model switched from {Previous} to {Version}", previous, next.Manifest.Version);
                return true;
            }
            // Any failure (a corrupt zip, a manifest with null fields, a broken pipeline) keeps the old model serving:
            // a bad file dropped next to a running worker must never end the process.
#pragma warning disable CA1031
            catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
            {
                LastReloadFailure = e.Message;
                _log.LogError("Model reload failed, keeping {Version}: {Message}", _current.Manifest.Version, e.Message);
                return false;
            }
        }
    }
}
