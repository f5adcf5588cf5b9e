using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MassageForumBot.Discord.Rest;

/// <summary>
/// Discord REST rate limits, with no HttpClient types: <see cref="AcquireAsync"/> a permit for a route, send, then
/// <see cref="RateLimitPermit.Complete"/> it with what the response said.
/// <list type="bullet">
/// <item>Requests on the same route key (method + template + major parameter) go one at a time, so the remaining
/// count is always current.</item>
/// <item>Limits are stored per X-RateLimit-Bucket + major parameter once Discord names the bucket (two channels never
/// block each other); before that, per route key. Nothing is hard-coded; responses without headers leave no limit.</item>
/// <item>A 429 blocks its bucket for retry_after; a global 429 pauses every route.</item>
/// <item>All waits use the injected <see cref="TimeProvider"/>.</item>
/// </list>
/// </summary>
public sealed class RestRateLimiter
{
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _routeLocks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _bucketByRoute = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BucketState> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private DateTimeOffset _globalResetAt = DateTimeOffset.MinValue;
    private DateTimeOffset _invalidWindowStart = DateTimeOffset.MinValue;
    private int _invalidInWindow;
    private volatile bool _unauthorized;

    /// <summary>Discord bans an IP for a while after 10,000 invalid requests (401, 403, 429) in 10 minutes.</summary>
    public const int InvalidRequestLimit = 10_000;

    public static readonly TimeSpan InvalidRequestWindow = TimeSpan.FromMinutes(10);

    public RestRateLimiter(TimeProvider? timeProvider = null, ILogger<RestRateLimiter>? logger = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<RestRateLimiter>.Instance;
    }

    /// <summary>When a global 429 pauses all routes, the time the pause ends; otherwise null.</summary>
    public DateTimeOffset? GlobalResetAt
    {
        get
        {
            lock (_gate)
            {
                return _globalResetAt > _time.GetUtcNow() ? _globalResetAt : null;
            }
        }
    }

    /// <summary>Invalid requests (401, 403, 429 other than shared-scope) in the current 10-minute window.</summary>
    public int InvalidRequestCount
    {
        get
        {
            lock (_gate)
            {
                return _time.GetUtcNow() - _invalidWindowStart < InvalidRequestWindow ? _invalidInWindow : 0;
            }
        }
    }

    /// <summary>
    /// True after any 401: the token is invalid or was reset and will not recover without a restart, so the handler
    /// stops sending (each further 401 would count toward the invalid-request ban).
    /// </summary>
    public bool IsUnauthorized => _unauthorized;

    /// <summary>Waits until the route may send. The permit must be completed or disposed.</summary>
    public async ValueTask<RateLimitPermit> AcquireAsync(RestRoute route, CancellationToken cancellationToken)
    {
        var routeLock = _routeLocks.GetOrAdd(route.Key, static _ => new SemaphoreSlim(1, 1));
        await routeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var wait = TryTake(route, out var isGlobal);
                if (wait <= TimeSpan.Zero)
                {
                    return new RateLimitPermit(this, route, routeLock);
                }

                _logger.LogDebug("Rate limit: {Route} waits {Delay} ({Kind}).", route, wait, isGlobal ? "global" : "bucket");
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            routeLock.Release();
            throw;
        }
    }

    private TimeSpan TryTake(RestRoute route, out bool isGlobal)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            isGlobal = _globalResetAt > now;
            if (isGlobal)
            {
                return _globalResetAt - now;
            }

            if (!_buckets.TryGetValue(StateKey(route), out var state))
            {
                return TimeSpan.Zero;
            }

            if (state.ResetAt <= now)
            {
                // Window over: unknown until the next response says otherwise.
                state.Remaining = null;
                return TimeSpan.Zero;
            }

            if (state.Remaining is <= 0)
            {
                return state.ResetAt - now;
            }

            if (state.Remaining is { } remaining)
            {
                state.Remaining = remaining - 1;
            }

            return TimeSpan.Zero;
        }
    }

    internal void Complete(RestRoute route, RateLimitHeaders headers)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (headers.StatusCode is 401 or 403 || (headers.StatusCode == 429 && !string.Equals(headers.Scope, "shared", StringComparison.OrdinalIgnoreCase)))
            {
                CountInvalid(now);
            }

            if (headers.StatusCode == 401)
            {
                _unauthorized = true;
            }

            if (headers.Bucket is { Length: > 0 } bucket)
            {
                _bucketByRoute[route.BucketLookupKey] = bucket;
            }

            if (headers.IsRateLimited)
            {
                var retryAfter = headers.RetryAfterSeconds is { } s && s >= 0
                    ? TimeSpan.FromSeconds(s)
                    : headers.ResetAfterSeconds is { } r && r >= 0 ? TimeSpan.FromSeconds(r) : DefaultRetryAfter;
                if (headers.Global)
                {
                    var until = now + retryAfter;
                    if (until > _globalResetAt)
                    {
                        _globalResetAt = until;
                    }

                    _logger.LogWarning("Discord global rate limit hit on {Route}: every route pauses for {RetryAfter}.", route, retryAfter);
                }
                else
                {
                    var state = GetOrAddState(route);
                    state.Remaining = 0;
                    state.ResetAt = now + retryAfter;
                    _logger.LogWarning("Discord rate limit (429, scope {Scope}) on {Route}: waiting {RetryAfter}.", headers.Scope ?? "unknown", route, retryAfter);
                }

                return;
            }

            if (headers.Remaining is { } remaining && headers.ResetAfterSeconds is { } resetAfter)
            {
                var state = GetOrAddState(route);
                state.Remaining = remaining;
                state.ResetAt = now + TimeSpan.FromSeconds(resetAfter);
            }
        }
    }

    private void CountInvalid(DateTimeOffset now)
    {
        if (now - _invalidWindowStart >= InvalidRequestWindow)
        {
            _invalidWindowStart = now;
            _invalidInWindow = 0;
        }

        _invalidInWindow++;
        if (_invalidInWindow == InvalidRequestLimit / 2 || _invalidInWindow == InvalidRequestLimit * 9 / 10)
        {
            _logger.LogError(
                "{Count} invalid Discord requests (401/403/429) in the last 10 minutes; at {Limit} Discord bans this IP for a while.",
                _invalidInWindow,
                InvalidRequestLimit);
        }
    }

    private BucketState GetOrAddState(RestRoute route)
    {
        var key = StateKey(route);
        if (!_buckets.TryGetValue(key, out var state))
        {
            state = new BucketState();
            _buckets[key] = state;
        }

        return state;
    }

    private string StateKey(RestRoute route) =>
        _bucketByRoute.TryGetValue(route.BucketLookupKey, out var bucket)
            ? $"{bucket}:{route.MajorParameter}"
            : $"{route.BucketLookupKey}:{route.MajorParameter}";

    private sealed class BucketState
    {
        public int? Remaining { get; set; }
        public DateTimeOffset ResetAt { get; set; }
    }
}

/// <summary>Permission to send one request on a route. Complete it with the response, or dispose it on failure.</summary>
public sealed class RateLimitPermit : IDisposable
{
    private readonly RestRateLimiter _limiter;
    private readonly SemaphoreSlim _routeLock;
    private int _released;

    internal RateLimitPermit(RestRateLimiter limiter, RestRoute route, SemaphoreSlim routeLock)
    {
        _limiter = limiter;
        Route = route;
        _routeLock = routeLock;
    }

    public RestRoute Route { get; }

    public void Complete(RateLimitHeaders headers)
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            try
            {
                _limiter.Complete(Route, headers);
            }
            finally
            {
                _routeLock.Release();
            }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _routeLock.Release();
        }
    }
}
