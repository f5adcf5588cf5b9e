using System.Globalization;
using System.Text.Json;

namespace MassageForumBot.Discord.Rest;

/// <summary>
/// What a response told the limiter, free of HttpClient types: status code, X-RateLimit-* headers and, for 429, the
/// retry_after / global fields of the body (or the Retry-After header). All fields may be missing.
/// </summary>
public sealed record RateLimitHeaders
{
    public int StatusCode { get; init; }
    public string? Bucket { get; init; }
    public int? Limit { get; init; }
    public int? Remaining { get; init; }

    /// <summary>X-RateLimit-Reset-After in seconds.</summary>
    public double? ResetAfterSeconds { get; init; }
    public bool Global { get; init; }

    /// <summary>X-RateLimit-Scope: user, global or shared.</summary>
    public string? Scope { get; init; }

    /// <summary>From the 429 body's retry_after (seconds) or the Retry-After header.</summary>
    public double? RetryAfterSeconds { get; init; }

    public bool IsRateLimited => StatusCode == 429;

    /// <summary>For a failed attempt that produced no response.</summary>
    public static RateLimitHeaders None { get; } = new();

    /// <summary>Parses header values (any case) and, when given, a 429 body.</summary>
    public static RateLimitHeaders Parse(int statusCode, Func<string, string?> header, string? body)
    {
        double? retryAfter = null;
        var global = string.Equals(header("X-RateLimit-Global"), "true", StringComparison.OrdinalIgnoreCase);
        if (statusCode == 429 && !string.IsNullOrWhiteSpace(body))
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    if (root.TryGetProperty("retry_after", out var retry) && retry.ValueKind == JsonValueKind.Number)
                    {
                        retryAfter = retry.GetDouble();
                    }

                    if (root.TryGetProperty("global", out var g) && g.ValueKind == JsonValueKind.True)
                    {
                        global = true;
                    }
                }
            }
            catch (JsonException)
            {
                // A 429 from a proxy or Cloudflare may not be JSON: fall back to the headers.
            }
        }

        retryAfter ??= ParseDouble(header("Retry-After"));
        var scope = header("X-RateLimit-Scope");
        if (string.Equals(scope, "global", StringComparison.OrdinalIgnoreCase) && statusCode == 429)
        {
            global = true;
        }

        return new RateLimitHeaders
        {
            StatusCode = statusCode,
            Bucket = header("X-RateLimit-Bucket"),
            Limit = (int?)ParseDouble(header("X-RateLimit-Limit")),
            Remaining = (int?)ParseDouble(header("X-RateLimit-Remaining")),
            ResetAfterSeconds = ParseDouble(header("X-RateLimit-Reset-After")),
            Global = global,
            Scope = scope,
            RetryAfterSeconds = retryAfter,
        };
    }

    private static double? ParseDouble(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
}
