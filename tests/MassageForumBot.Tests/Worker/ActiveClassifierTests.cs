using MassageForumBot.Configuration;
using MassageForumBot.Tests.Cli;
using MassageForumBot.Tests.Moderation;
using MassageForumBot.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MassageForumBot.Tests.Worker;

/// <summary>A hot reload disposes the replaced model, never under a call still running on it, and a failed one shows in `status`.</summary>
public sealed class ActiveClassifierTests(LoopModelsFixture models) : IClassFixture<LoopModelsFixture>, IDisposable
{
    private readonly LoopTempFolder _temp = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero));

    private string ModelPath => _temp.File("classifier.zip");

    private ActiveClassifier Load(byte[] model)
    {
        File.WriteAllBytes(ModelPath, model);
        return new ActiveClassifier(Options.Create(new ClassifierOptions { ModelPath = ModelPath }), NullLogger<ActiveClassifier>.Instance, _time);
    }

    [Fact]
    public void A_successful_reload_disposes_the_replaced_classifier_and_serves_the_new_one()
    {
        var classifier = Load(models.Worse);
        var old = classifier.Current;

        File.WriteAllBytes(ModelPath, models.Good);
        Assert.True(classifier.Reload());

        Assert.True(old.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => old.Classify("how do you drape the glutes"));
        Assert.False(classifier.Current.IsDisposed);
        Assert.Equal(models.GoodVersion, classifier.Current.Manifest.Version);
        Assert.Contains(classifier.Classify("how do you drape the glutes").Topic, classifier.Current.Labels);
    }

    [Fact]
    public void A_failed_reload_keeps_the_old_classifier_undisposed_and_records_when()
    {
        var classifier = Load(models.Worse);
        var old = classifier.Current;

        File.WriteAllBytes(ModelPath, [0x50, 0x4b, 1, 2, 3]);
        Assert.False(classifier.Reload());

        Assert.Same(old, classifier.Current);
        Assert.False(old.IsDisposed);
        Assert.NotNull(classifier.LastReloadFailure);
        Assert.Equal(_time.GetUtcNow(), classifier.LastReloadFailedAt);
        classifier.Classify("how do you drape the glutes");
    }

    [Fact]
    public async Task Calls_running_while_the_model_is_replaced_again_and_again_never_fail()
    {
        var classifier = Load(models.Worse);
        using var stop = new CancellationTokenSource();
        var callers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            var calls = 0;
            while (!stop.IsCancellationRequested || calls < 50)
            {
                classifier.Classify("which stretch helps the glutes after a session");
                calls++;
            }
            return calls;
        })).ToList();

        var replaced = new List<MassageForumBot.Classification.Inference.PostClassifier>();
        for (var i = 0; i < 6; i++)
        {
            replaced.Add(classifier.Current);
            File.WriteAllBytes(ModelPath, i % 2 == 0 ? models.Good : models.Worse);
            Assert.True(classifier.Reload());
        }
        await stop.CancelAsync();

        Assert.All(await Task.WhenAll(callers), calls => Assert.True(calls >= 50));
        Assert.All(replaced, c => Assert.True(c.IsDisposed));
    }

    [Fact]
    public void A_borrowed_instance_is_disposed_only_when_retired_and_the_last_borrower_is_done()
    {
        var disposable = new CountingDisposable();
        var shared = new SharedInstance<CountingDisposable>(disposable);

        Assert.True(shared.TryAcquire());   // a call starts
        shared.Retire();                    // a reload replaces the model meanwhile
        shared.Retire();                    // retiring twice is harmless
        Assert.Equal(0, disposable.Disposed);
        Assert.True(shared.TryAcquire());   // still in use, so still borrowable

        shared.Release();
        Assert.Equal(0, disposable.Disposed);
        shared.Release();                   // the last call ends
        Assert.Equal(1, disposable.Disposed);
        Assert.False(shared.TryAcquire());
    }

    [Fact]
    public async Task Status_shows_the_last_reload_failure_and_the_model_that_keeps_serving()
    {
        var classifier = Load(models.Worse);
        File.WriteAllBytes(ModelPath, [0x50, 0x4b, 1, 2, 3]);
        Assert.False(classifier.Reload());
        await using var rig = await ModerationRig.StartAsync(classifier);
        await rig.ConnectAsync();

        var status = rig.AnswerText(await rig.CommandAsync("status"));

        Assert.Contains($"⚠️ Last model reload failed <t:{_time.GetUtcNow().ToUnixTimeSeconds()}:R>", status, StringComparison.Ordinal);
        Assert.Contains($"(`{models.WorseVersion}` keeps serving)", status, StringComparison.Ordinal);

        File.WriteAllBytes(ModelPath, models.Good);
        Assert.True(classifier.Reload());
        Assert.DoesNotContain("reload failed", rig.AnswerText(await rig.CommandAsync("status")), StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();

    private sealed class CountingDisposable : IDisposable
    {
        public int Disposed { get; private set; }

        public void Dispose() => Disposed++;
    }
}
