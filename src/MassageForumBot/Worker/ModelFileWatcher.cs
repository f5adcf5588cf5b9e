using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MassageForumBot.Worker;

/// <summary>
/// Reloads the active model when its file is replaced (promote, rollback, or train --out onto it), without a restart.
/// Watches the model's folder for the file's name; a replacement raises several events (create, rename, change), so the
/// reload waits until the file has been quiet for <see cref="Debounce"/> (timed by the injected <see cref="TimeProvider"/>).
/// <see cref="ActiveClassifier.Reload"/> keeps the running model when the new file cannot be loaded, and logs the version switch.
/// </summary>
public sealed class ModelFileWatcher : IHostedService, IDisposable
{
    public static readonly TimeSpan DefaultDebounce = TimeSpan.FromSeconds(2);

    private readonly ActiveClassifier _classifier;
    private readonly ILogger<ModelFileWatcher> _log;
    private readonly ITimer _timer;
    private readonly string _folder;
    private readonly string _fileName;
    private FileSystemWatcher? _watcher;

    public ModelFileWatcher(ActiveClassifier classifier, TimeProvider time, ILogger<ModelFileWatcher> log)
        : this(classifier, time, log, DefaultDebounce)
    {
    }

    internal ModelFileWatcher(ActiveClassifier classifier, TimeProvider time, ILogger<ModelFileWatcher> log, TimeSpan debounce)
    {
        _classifier = classifier;
        _log = log;
        Debounce = debounce;
        var path = Path.GetFullPath(classifier.ModelPath);
        _folder = Path.GetDirectoryName(path)!;
        _fileName = Path.GetFileName(path);
        _timer = time.CreateTimer(_ => ReloadNow(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public TimeSpan Debounce { get; }

    /// <summary>Raised when a change to the model file was seen (the debounce timer is now armed).</summary>
    public event Action? ChangeSeen;

    /// <summary>Raised after each reload attempt, with whether the new model was loaded.</summary>
    public event Action<bool>? Reloaded;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_folder))
        {
            _log.LogWarning("Not watching for model updates: folder {Folder} does not exist", _folder);
            return Task.CompletedTask;
        }
        _watcher = new FileSystemWatcher(_folder)
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            IncludeSubdirectories = false,
        };
        _watcher.Created += OnChanged;
        _watcher.Changed += OnChanged;
        _watcher.Renamed += OnChanged;
        _watcher.Error += OnError;
        _watcher.EnableRaisingEvents = true;
        _log.LogInformation("Watching {Path} for a promoted model", Path.Combine(_folder, _fileName));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        StopWatching();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        StopWatching();
        _timer.Dispose();
    }

    private void StopWatching()
    {
        var watcher = Interlocked.Exchange(ref _watcher, null);
        if (watcher is null)
        {
            return;
        }
        watcher.EnableRaisingEvents = false;
        watcher.Dispose();
        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private void OnChanged(object sender, FileSystemEventArgs e)
    {
        if (!string.Equals(e.Name, _fileName, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
        {
            return;
        }
        _log.LogDebug("Model file {ChangeType}: reloading once it has been quiet for {Debounce}", e.ChangeType, Debounce);
        Arm();
    }

    private void OnError(object sender, ErrorEventArgs e)
    {
        // Events were lost (for example the buffer overflowed): the file may have changed, so check it.
        _log.LogWarning("Model file watch lost events ({Message}); reloading to be safe", e.GetException().Message);
        Arm();
    }

    private void Arm()
    {
        _timer.Change(Debounce, Timeout.InfiniteTimeSpan);
        ChangeSeen?.Invoke();
    }

    private void ReloadNow()
    {
        _log.LogDebug("Reloading {Path}", Path.Combine(_folder, _fileName));
        if (!File.Exists(Path.Combine(_folder, _fileName)))
        {
            _log.LogWarning("Model file {Path} is gone; keeping model {Version}", Path.Combine(_folder, _fileName), _classifier.Current.Manifest.Version);
            Reloaded?.Invoke(false);
            return;
        }
        // Not Reloaded?.Invoke(_classifier.Reload()): with no subscriber that would skip the reload itself.
        var loaded = _classifier.Reload();
        Reloaded?.Invoke(loaded);
    }
}
