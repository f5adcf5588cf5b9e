using System.Net;
using System.Text;

namespace MassageForumBot.Discord.Testing;

/// <summary>
/// An in-memory REST endpoint for protocol tests: answers from a queue of scripted responses (matched by method and
/// path prefix, first match wins), then from <see cref="Fallback"/>; records every request. No sockets.
/// </summary>
public sealed class ScriptedHttpHandler : HttpMessageHandler
{
    private readonly Lock _gate = new();
    private readonly List<(string Method, string PathPrefix, Func<HttpResponseMessage> Answer)> _scripted = [];
    private readonly List<(string Method, string Path, string? Authorization)> _requests = [];

    /// <summary>Answers requests no script matched (default: 404 with Discord's error body).</summary>
    public Func<HttpRequestMessage, HttpResponseMessage> Fallback { get; set; } =
        _ => Json(HttpStatusCode.NotFound, """{"code":0,"message":"404: Not Found"}""");

    /// <summary>Requests seen, as METHOD and path (e.g. "GET /api/v10/gateway/bot").</summary>
    public IReadOnlyList<(string Method, string Path, string? Authorization)> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Answers the next matching request with <paramref name="status"/> and <paramref name="json"/>.</summary>
    public void Enqueue(string method, string pathPrefix, HttpStatusCode status, string json, IReadOnlyDictionary<string, string>? headers = null)
    {
        lock (_gate)
        {
            _scripted.Add((method, pathPrefix, () =>
            {
                var response = Json(status, json);
                foreach (var (name, value) in headers ?? new Dictionary<string, string>())
                {
                    response.Headers.TryAddWithoutValidation(name, value);
                }

                return response;
            }));
        }
    }

    /// <summary>A GET /gateway/bot answer with the given identify budget.</summary>
    public static string GatewayBotJson(string url, int total = 1000, int remaining = 1000, long resetAfterMs = 86_400_000, int maxConcurrency = 1) =>
        $$$"""{"url":"{{{url}}}","shards":1,"session_start_limit":{"total":{{{total}}},"remaining":{{{remaining}}},"reset_after":{{{resetAfterMs}}},"max_concurrency":{{{maxConcurrency}}}}}""";

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var method = request.Method.Method;
        var path = request.RequestUri!.AbsolutePath;
        Func<HttpResponseMessage>? answer = null;
        lock (_gate)
        {
            _requests.Add((method, path, request.Headers.Authorization?.ToString()));
            var index = _scripted.FindIndex(s => s.Method == method && path.Contains(s.PathPrefix, StringComparison.Ordinal));
            if (index >= 0)
            {
                answer = _scripted[index].Answer;
                _scripted.RemoveAt(index);
            }
        }

        return Task.FromResult(answer is null ? Fallback(request) : answer());
    }
}
