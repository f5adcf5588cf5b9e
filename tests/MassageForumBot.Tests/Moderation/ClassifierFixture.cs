using MassageForumBot.Configuration;
using MassageForumBot.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MassageForumBot.Tests.Moderation;

/// <summary>The shipped models/classifier.zip, loaded once per test class (about a second).</summary>
public sealed class ClassifierFixture
{
    public ActiveClassifier Classifier { get; } = new(
        Options.Create(new ClassifierOptions()), NullLogger<ActiveClassifier>.Instance);
}
