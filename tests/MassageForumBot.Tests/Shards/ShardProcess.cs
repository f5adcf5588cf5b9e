using System.Diagnostics;
using System.Text;

namespace MassageForumBot.Tests.Shards;

/// <summary>
/// One shard of the bot as a real child process: the built host (src/MassageForumBot/bin/.../MassageForumBot.dll)
/// run with `run`, its standard error captured so a test can see what it logged. Stop sends SIGTERM (a graceful
/// shutdown); Kill sends SIGKILL (no shutdown code runs at all).
/// </summary>
public sealed class ShardProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly Lock _gate = new();

    private ShardProcess(int shardId, Process process)
    {
        ShardId = shardId;
        _process = process;
    }

    public int ShardId { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process wrote to standard error (its logs) so far.</summary>
    public string Log
    {
        get
        {
            lock (_gate)
            {
                return _log.ToString();
            }
        }
    }

    public static ShardProcess Start(int shardId, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = RepositoryRoot(),
        };
        start.ArgumentList.Add(ProgramPath());
        start.ArgumentList.Add("run");
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        start.Environment["DOTNET_gcServer"] = "0";
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var shard = new ShardProcess(shardId, process);
        process.ErrorDataReceived += (_, e) => shard.Append(e.Data);
        process.OutputDataReceived += (_, e) => shard.Append(e.Data);
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return shard;
    }

    /// <summary>SIGKILL: the process ends at once, mid-whatever it was doing.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, then waits for the graceful shutdown (kills after the timeout).</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited) return;
        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!)
            await kill.WaitForExitAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_gate) _log.AppendLine(line);
    }

    private static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "MassageForumBot.sln"))) root = root.Parent;
        return root?.FullName ?? throw new InvalidOperationException("the repository root (MassageForumBot.sln) was not found above the test output");
    }

    /// <summary>The host built beside this test project (same configuration and framework).</summary>
    private static string ProgramPath()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(RepositoryRoot(), "src", "MassageForumBot", "bin", output.Parent!.Name, output.Name, "MassageForumBot.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"build the program first: {path} is missing");
    }
}
