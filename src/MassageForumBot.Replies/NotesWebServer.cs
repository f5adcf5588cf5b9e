using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MassageForumBot.Replies;

/// <summary>
/// Serves the evidence notes as HTML over <see cref="HttpListener"/> when no <c>Notes:BaseUrl</c> is configured:
/// GET {listenUrl}/notes (index), GET {listenUrl}/notes/{id} (the note, 200) and 404 for anything else.
/// Pages are rendered once at start. Pass port 0 to bind a free port; <see cref="Url"/> is the URL actually bound.
/// </summary>
public sealed class NotesWebServer : IAsyncDisposable
{
    private readonly TopicLibrary _library;
    private readonly NoteHtmlRenderer _renderer;
    private readonly Dictionary<string, byte[]> _pages = new(StringComparer.OrdinalIgnoreCase);
    private HttpListener? _listener;
    private CancellationTokenSource? _stopping;
    private Task? _acceptLoop;
    private byte[] _index = [];
    private byte[] _notFound = [];
    private string _basePath = "/";

    public NotesWebServer(TopicLibrary library, NoteHtmlRenderer? renderer = null)
    {
        _library = library ?? throw new ArgumentNullException(nameof(library));
        _renderer = renderer ?? new NoteHtmlRenderer();
    }

    /// <summary>The URL actually bound (with a trailing slash), or null before <see cref="StartAsync"/>.</summary>
    public Uri? Url { get; private set; }

    /// <summary>Links that point at this server; valid after <see cref="StartAsync"/>.</summary>
    public NoteLinks Links => new(null, Url ?? throw new InvalidOperationException("The notes server has not been started."));

    /// <summary>
    /// Starts listening on <paramref name="listenUrl"/> (http only, e.g. http://127.0.0.1:5080/; port 0 picks a free port)
    /// and serves until <paramref name="cancellationToken"/> is cancelled or the server is disposed.
    /// Throws <see cref="InvalidOperationException"/> when the address cannot be bound.
    /// </summary>
    public Task StartAsync(Uri listenUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listenUrl);
        if (!listenUrl.IsAbsoluteUri || listenUrl.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException($"Notes:ListenUrl must be an absolute http URL, not '{listenUrl}'.", nameof(listenUrl));
        }

        if (_listener is not null)
        {
            throw new InvalidOperationException("The notes server is already started.");
        }

        var builder = new UriBuilder(listenUrl) { Query = string.Empty, Fragment = string.Empty };
        if (!builder.Path.EndsWith('/'))
        {
            builder.Path += "/";
        }

        var pickPort = builder.Port == 0;
        HttpListenerException? lastError = null;
        for (var attempt = 0; attempt < (pickPort ? 5 : 1); attempt++)
        {
            if (pickPort)
            {
                builder.Port = FreePort(builder.Host);
            }

            var listener = new HttpListener();
            listener.Prefixes.Add(builder.Uri.AbsoluteUri);
            try
            {
                listener.Start();
            }
            catch (HttpListenerException ex)
            {
                lastError = ex;
                listener.Close();
                continue;
            }

            _listener = listener;
            break;
        }

        if (_listener is null)
        {
            throw new InvalidOperationException($"Cannot serve evidence notes on {builder.Uri}: {lastError?.Message}", lastError);
        }

        Url = builder.Uri;
        _basePath = builder.Uri.AbsolutePath;
        RenderPages();
        _stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _acceptLoop = Task.Run(() => AcceptLoopAsync(_listener, _stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_listener is null)
        {
            return;
        }

        await (_stopping?.CancelAsync() ?? Task.CompletedTask).ConfigureAwait(false);
        _listener.Stop();
        _listener.Close();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        _stopping?.Dispose();
        _listener = null;
    }

    private void RenderPages()
    {
        var notesPath = _basePath + "notes/";
        foreach (var note in _library.Notes)
        {
            _pages[note.Id] = Encoding.UTF8.GetBytes(_renderer.RenderNote(note, _basePath + "notes"));
        }

        _index = Encoding.UTF8.GetBytes(_renderer.RenderIndex(_library.Notes, n => notesPath + Uri.EscapeDataString(n.Id)));
        _notFound = Encoding.UTF8.GetBytes(_renderer.RenderNotFound(_basePath + "notes"));
    }

    private async Task AcceptLoopAsync(HttpListener listener, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().WaitAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (HttpListenerException)
            {
                break;
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            catch (InvalidOperationException)
            {
                break;
            }

            _ = Task.Run(() => RespondAsync(context), CancellationToken.None);
        }
    }

    private async Task RespondAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var (status, page) = Route(context.Request);
            response.StatusCode = (int)status;
            response.Headers["X-Content-Type-Options"] = "nosniff";
            response.Headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'";
            if (status == HttpStatusCode.MethodNotAllowed)
            {
                response.Headers["Allow"] = "GET, HEAD";
            }

            response.ContentType = "text/html; charset=utf-8";
            response.ContentLength64 = page.Length;
            if (!string.Equals(context.Request.HttpMethod, "HEAD", StringComparison.OrdinalIgnoreCase))
            {
                await response.OutputStream.WriteAsync(page).ConfigureAwait(false);
            }
        }
        catch (HttpListenerException)
        {
            // The client went away; nothing to do.
        }
        catch (IOException)
        {
            // The client went away; nothing to do.
        }
        catch (ObjectDisposedException)
        {
            // The server is stopping.
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (HttpListenerException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private (HttpStatusCode Status, byte[] Page) Route(HttpListenerRequest request)
    {
        var method = request.HttpMethod;
        var path = request.Url?.AbsolutePath ?? "/";
        if (!path.StartsWith(_basePath, StringComparison.Ordinal))
        {
            return (HttpStatusCode.NotFound, _notFound);
        }

        var relative = Uri.UnescapeDataString(path[_basePath.Length..]).TrimEnd('/');
        if (!string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase) && !string.Equals(method, "HEAD", StringComparison.OrdinalIgnoreCase))
        {
            return (HttpStatusCode.MethodNotAllowed, []);
        }

        if (relative == "notes")
        {
            return (HttpStatusCode.OK, _index);
        }

        if (relative.StartsWith("notes/", StringComparison.Ordinal))
        {
            var id = relative["notes/".Length..];
            if (id.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            {
                id = id[..^3];
            }

            if (_pages.TryGetValue(id, out var page))
            {
                return (HttpStatusCode.OK, page);
            }
        }

        return (HttpStatusCode.NotFound, _notFound);
    }

    private static int FreePort(string host)
    {
        var address = IPAddress.TryParse(host, out var ip) ? ip : IPAddress.Loopback;
        using var probe = new TcpListener(address, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
