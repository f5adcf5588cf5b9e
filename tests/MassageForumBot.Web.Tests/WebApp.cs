using System.Net;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using MassageForumBot.ConsoleChannel;
using MassageForumBot.Web;
using MassageForumBot.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MassageForumBot.Web.Tests;

/// <summary>
/// The real `run` host (console channel, SQLite file in a fresh temp folder, the shipped model) with its web console on
/// 127.0.0.1 port 0. Posts typed on the console channel go through <see cref="PostAsync"/>.
/// </summary>
public sealed partial class WebApp : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly LineReader _input;
    private readonly NotifyingWriter _output;

    private WebApp(IHost host, string folder, Uri url, LineReader input, NotifyingWriter output)
    {
        _host = host;
        Folder = folder;
        Url = url;
        _input = input;
        _output = output;
    }

    public Uri Url { get; }

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "bot.db");

    public IServiceProvider Services => _host.Services;

    public static async Task<WebApp> StartAsync(string? adminToken = null, params string[] extra)
    {
        var folder = Path.Combine(Path.GetTempPath(), "mfb-web-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        string[] args =
        [
            $"--Storage:ConnectionString=Data Source={Path.Combine(folder, "bot.db")}",
            "--Web:ListenUrl=http://127.0.0.1:0/",
            $"--Web:AdminToken={adminToken}",
            "--Discord:Token=",
            "--Logging:LogLevel:Default=Warning",
            .. extra,
        ];
        var input = new LineReader();
        var output = new NotifyingWriter();
        var host = BotHost.CreateBuilder(args, new ConsoleChannelIo(input, output)).Build();
        await host.StartAsync();
        var web = host.Services.GetServices<IHostedService>().OfType<WebConsoleService>().Single();
        var url = await web.Started.WaitAsync(TimeSpan.FromSeconds(30));
        return new WebApp(host, folder, url, input, output);
    }

    /// <summary>Types a post on the console channel and waits until the bot has answered it (or said why not).</summary>
    public async Task PostAsync(string text)
    {
        var answered = _output.NextAnswer();
        await _input.WriteAsync(text);
        await answered.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public HttpClient Client(bool followRedirects = false, CookieContainer? cookies = null)
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = followRedirects, UseCookies = cookies is not null };
        if (cookies is not null) handler.CookieContainer = cookies;
        return new HttpClient(handler) { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The anti-forgery field's value in a page.</summary>
    public static string AntiforgeryToken(string html) =>
        AntiforgeryField().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("no anti-forgery field in the page");

    public async ValueTask DisposeAsync()
    {
        _input.Complete();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await _host.StopAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>Standard input for the console channel: lines written by the test, blocking until one comes.</summary>
    private sealed class LineReader : TextReader
    {
        private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

        public ValueTask WriteAsync(string line) => _lines.Writer.WriteAsync(line);

        public void Complete() => _lines.Writer.TryComplete();

        public override async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            try
            {
                return await _lines.Reader.ReadAsync(cancellationToken);
            }
            catch (ChannelClosedException)
            {
                return null;
            }
        }

        public override string? ReadLine() => ReadLineAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Standard output for the console channel; completes a signal when the bot has answered a post.</summary>
    private sealed class NotifyingWriter : StringWriter
    {
        private readonly Lock _gate = new();
        private TaskCompletionSource? _next;

        public Task NextAnswer()
        {
            lock (_gate)
            {
                _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return _next.Task;
            }
        }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            // The console channel flushes once per post, after the reply or the reason.
            lock (_gate)
            {
                _next?.TrySetResult();
            }
            return Task.CompletedTask;
        }
    }
}
