using MassageForumBot.Configuration;
using MassageForumBot.Tests.Cli;
using MassageForumBot.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MassageForumBot.Tests.Worker;

/// <summary>The worker picks up a model file replaced under it (as promote and rollback do), after a quiet period timed by the injected clock.</summary>
public sealed class ModelFileWatcherTests(LoopModelsFixture models) : IClassFixture<LoopModelsFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Debounce = TimeSpan.FromSeconds(2);

    private readonly LoopTempFolder _temp = new();
    private readonly FakeTimeProvider _time = new();
    private readonly FakeLogger<ActiveClassifier> _log = new();
    private ActiveClassifier _classifier = null!;
    private ModelFileWatcher _watcher = null!;

    private string ModelPath => _temp.File("models", "classifier.zip");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_temp.File("models"));
        File.WriteAllBytes(ModelPath, models.Worse);
        _classifier = new ActiveClassifier(Options.Create(new ClassifierOptions { ModelPath = ModelPath }), _log);
        _watcher = new ModelFileWatcher(_classifier, _time, NullLogger<ModelFileWatcher>.Instance, Debounce);
        await _watcher.StartAsync(CancellationToken.None);
    }

    /// <summary>Writes aside and renames over the model file, as the registry does.</summary>
    private void Replace(byte[] bytes)
    {
        var aside = _temp.File("models", ".classifier.zip.tmp");
        File.WriteAllBytes(aside, bytes);
        File.Move(aside, ModelPath, overwrite: true);
    }

    private (Task Seen, Task<bool> Reloaded) Observe()
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reloaded = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _watcher.ChangeSeen += () => seen.TrySetResult();
        _watcher.Reloaded += ok => reloaded.TrySetResult(ok);
        return (seen.Task, reloaded.Task);
    }

    [Fact]
    public async Task A_replaced_model_file_is_loaded_once_the_debounce_has_passed_and_the_switch_is_logged()
    {
        Assert.Equal(models.WorseVersion, _classifier.Current.Manifest.Version);
        // Only the change is observed: the worker itself never subscribes to Reloaded, and must reload all the same.
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _watcher.ChangeSeen += () => seen.TrySetResult();

        Replace(models.Good);
        await seen.Task.WaitAsync(Guard);

        // Still within the quiet period: nothing reloaded yet.
        _time.Advance(Debounce - TimeSpan.FromMilliseconds(1));
        Assert.Equal(models.WorseVersion, _classifier.Current.Manifest.Version);

        // The fake clock runs the due timer inline, so the reload has happened when Advance returns.
        _time.Advance(Debounce);
        Assert.Equal(models.GoodVersion, _classifier.Current.Manifest.Version);
        Assert.Contains(_log.Collector.GetSnapshot(), r => r.Message == $"Model switched from {models.WorseVersion} to {models.GoodVersion}");
    }

    [Fact]
    public async Task Reloaded_reports_a_successful_reload()
    {
        var (seen, reloaded) = Observe();

        Replace(models.Good);
        await seen.WaitAsync(Guard);
        _time.Advance(Debounce);

        Assert.True(await reloaded.WaitAsync(Guard));
        Assert.Equal(models.GoodVersion, _classifier.Current.Manifest.Version);
    }

    [Fact]
    public async Task A_corrupt_replacement_keeps_the_running_model()
    {
        var (seen, reloaded) = Observe();

        Replace([0x50, 0x4b, 1, 2, 3]);
        await seen.WaitAsync(Guard);
        _time.Advance(Debounce);

        Assert.False(await reloaded.WaitAsync(Guard));
        Assert.Equal(models.WorseVersion, _classifier.Current.Manifest.Version);
        Assert.Contains(_log.Collector.GetSnapshot(), r => r.Message.StartsWith("Model reload failed, keeping " + models.WorseVersion, StringComparison.Ordinal));
    }

    [Fact]
    public void A_manifest_with_null_fields_keeps_the_running_model_and_records_the_failure()
    {
        using (var source = new MemoryStream(models.Good))
        using (var copy = new MemoryStream())
        {
            source.CopyTo(copy);
            using (var zip = new System.IO.Compression.ZipArchive(copy, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
            {
                zip.GetEntry("manifest.json")!.Delete();
                using var writer = new StreamWriter(zip.CreateEntry("manifest.json").Open());
                writer.Write("""{"Version":null,"Features":null,"Trainer":null,"Labels":null}""");
            }
            File.WriteAllBytes(ModelPath, copy.ToArray());
        }

        Assert.False(_classifier.Reload());
        Assert.Equal(models.WorseVersion, _classifier.Current.Manifest.Version);
        Assert.NotNull(_classifier.LastReloadFailure);
        Assert.Contains(_log.Collector.GetSnapshot(), r => r.Message.StartsWith("Model reload failed, keeping " + models.WorseVersion, StringComparison.Ordinal));

        File.WriteAllBytes(ModelPath, models.Good);
        Assert.True(_classifier.Reload());
        Assert.Null(_classifier.LastReloadFailure);
        Assert.Equal(models.GoodVersion, _classifier.Current.Manifest.Version);
    }

    public async Task DisposeAsync()
    {
        await _watcher.StopAsync(CancellationToken.None);
        _watcher.Dispose();
        _temp.Dispose();
    }
}
