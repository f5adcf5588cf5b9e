using MassageForumBot.Configuration;
using MassageForumBot.Replies;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MassageForumBot.Worker;

/// <summary>Serves the evidence notes as HTML pages when no Notes:BaseUrl publishes them elsewhere.</summary>
public sealed class NotesSiteService(TopicLibrary library, IOptions<NotesOptions> options, ILogger<NotesSiteService> log) : IHostedService, IAsyncDisposable
{
    private NotesWebServer? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.BaseUrl is not null) return;
        _server = new NotesWebServer(library);
        try
        {
            await _server.StartAsync(options.Value.ListenUrl, cancellationToken);
            log.LogInformation("Evidence notes served at {Url}notes", _server.Url);
        }
        catch (Exception e) when (e is System.Net.HttpListenerException or InvalidOperationException)
        {
            // The bot still answers without its notes site; the links then need Notes:BaseUrl.
            log.LogWarning("Could not serve the notes at {Url}: {Message}. Set Notes:BaseUrl or a free Notes:ListenUrl.", options.Value.ListenUrl, e.Message);
            await _server.DisposeAsync();
            _server = null;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
