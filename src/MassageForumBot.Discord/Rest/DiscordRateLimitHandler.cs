using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MassageForumBot.Discord.Rest;

/// <summary>
/// HttpClient handler that applies <see cref="RestRateLimiter"/> and the retry policy:
/// 429 -> wait retry_after (via the limiter) and send again (at most <see cref="MaxRateLimitRetries"/> times);
/// 5xx, timeouts and network errors -> bounded backoff (1 s, 2 s, ...) up to <see cref="DiscordClientOptions.RestMaxAttempts"/>
/// attempts in total; 4xx other than 429 (notably 401/403) -> never retried. The request body is buffered so a retry
/// sends the same bytes (and thus the same message nonce).
/// </summary>
public sealed class DiscordRateLimitHandler : DelegatingHandler
{
    public const int MaxRateLimitRetries = 5;

    private readonly RestRateLimiter _limiter;
    private readonly TimeProvider _time;
    private readonly DiscordClientOptions _options;
    private readonly ILogger _logger;

    public DiscordRateLimitHandler(
        RestRateLimiter limiter,
        TimeProvider? timeProvider = null,
        IOptions<DiscordClientOptions>? options = null,
        ILogger<DiscordRateLimitHandler>? logger = null)
    {
        _limiter = limiter;
        _time = timeProvider ?? TimeProvider.System;
        _options = options?.Value ?? new DiscordClientOptions();
        _logger = logger ?? NullLogger<DiscordRateLimitHandler>.Instance;
    }

    /// <summary>Delay before the retry that follows failed attempt number <paramref name="failedAttempts"/> (1-based).</summary>
    public static TimeSpan RetryDelay(int failedAttempts) => TimeSpan.FromSeconds(Math.Min(8, 1 << Math.Max(0, failedAttempts - 1)));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var route = RestRoute.FromPath(request.Method.Method, request.RequestUri?.AbsolutePath ?? "/");
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_limiter.IsUnauthorized)
        {
            throw new DiscordRestException(
                401,
                null,
                $"Discord REST {route} not sent: an earlier request got 401 Unauthorized, so the bot token is invalid or was reset. Put the current token in the configuration and restart.",
                route.ToString(),
                null);
        }

        var maxAttempts = Math.Max(1, _options.RestMaxAttempts);
        var failedAttempts = 0;
        var rateLimited = 0;
        while (true)
        {
            HttpResponseMessage response;
            using (var permit = await _limiter.AcquireAsync(route, cancellationToken).ConfigureAwait(false))
            {
                using var attemptTimeout = new CancellationTokenSource(_options.RestRequestTimeout, _time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attemptTimeout.Token);
                try
                {
                    response = await base.SendAsync(request, linked.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or OperationCanceledException)
                {
                    permit.Complete(RateLimitHeaders.None);
                    failedAttempts++;
                    var what = ex is OperationCanceledException ? "timed out" : "failed (" + ex.GetType().Name + ")";
                    if (failedAttempts >= maxAttempts)
                    {
                        throw new DiscordRestException(
                            0, null, $"Discord REST {route} {what} after {failedAttempts} attempt(s).", route.ToString(), null, ex);
                    }

                    _logger.LogWarning("Discord REST {Route} {What}; retry {Attempt}/{Max}.", route, what, failedAttempts + 1, maxAttempts);
                    await Task.Delay(RetryDelay(failedAttempts), _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var status = (int)response.StatusCode;
                string? body = null;
                if (status == 429)
                {
                    body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                }

                var headers = RateLimitHeaders.Parse(status, name => Header(response, name), body);
                if (headers.IsRateLimited)
                {
                    DiscordMetrics.RestRateLimited.Add(1, new KeyValuePair<string, object?>("scope", headers.Scope ?? "unknown"));
                }

                permit.Complete(headers);
            }

            var code = (int)response.StatusCode;
            if (code == 429 && rateLimited < MaxRateLimitRetries)
            {
                rateLimited++;
                response.Dispose();
                continue;
            }

            if (code >= 500 && failedAttempts + 1 < maxAttempts)
            {
                failedAttempts++;
                _logger.LogWarning("Discord REST {Route} answered {Status}; retry {Attempt}/{Max}.", route, code, failedAttempts + 1, maxAttempts);
                response.Dispose();
                await Task.Delay(RetryDelay(failedAttempts), _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            return response;
        }
    }

    private static string? Header(HttpResponseMessage response, string name)
    {
        if (response.Headers.TryGetValues(name, out var values))
        {
            return values.FirstOrDefault();
        }

        return response.Content.Headers.TryGetValues(name, out var contentValues) ? contentValues.FirstOrDefault() : null;
    }
}
