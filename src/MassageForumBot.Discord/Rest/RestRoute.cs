using System.Text;

namespace MassageForumBot.Discord.Rest;

/// <summary>
/// A REST route as the rate limiter sees it: the method, the path template (ids, tokens and emoji replaced by
/// placeholders, so no secret ends up in a key or a log line) and the top-level resource ("major parameter":
/// channels/{id}, guilds/{id}, or webhooks/{id} / interactions/{id} plus a hash of the token) whose limits Discord
/// tracks separately.
/// </summary>
public sealed record RestRoute(string Method, string Template, string MajorParameter)
{
    private static readonly HashSet<string> MajorResources = new(StringComparer.Ordinal) { "channels", "guilds", "webhooks" };

    /// <summary>Key for requests that wait on each other: same method, template and major parameter.</summary>
    public string Key => $"{Method} {Template} [{MajorParameter}]";

    /// <summary>Key under which the X-RateLimit-Bucket learned for this route is remembered.</summary>
    public string BucketLookupKey => $"{Method} {Template}";

    public override string ToString() => $"{Method} {Template}";

    /// <summary>Builds the route from a request path such as "/api/v10/channels/1/messages/2".</summary>
    public static RestRoute FromPath(string method, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var start = 0;
        if (segments.Length > 0 && segments[0] == "api")
        {
            start = 1;
            if (segments.Length > 1 && segments[1].Length > 1 && segments[1][0] == 'v' && segments[1].Skip(1).All(char.IsAsciiDigit))
            {
                start = 2;
            }
        }

        var template = new StringBuilder();
        var major = "";
        for (var i = start; i < segments.Length; i++)
        {
            var segment = segments[i];
            var previous = i > start ? segments[i - 1] : "";
            var beforePrevious = i > start + 1 ? segments[i - 2] : "";
            string part;
            if (IsId(segment) && MajorResources.Contains(previous) && major.Length == 0)
            {
                major = $"{previous}/{segment}";
                part = "{" + previous.TrimEnd('s') + "_id}";
            }
            else if ((beforePrevious == "webhooks" || beforePrevious == "interactions") && IsId(previous))
            {
                // Each interaction / webhook token is its own resource: key it separately so one slow interaction
                // never queues another, but only by a hash so the token never sits in a key.
                part = "{token}";
                major = $"{beforePrevious}/{previous}/{TokenHash(segment)}";
            }
            else if (previous == "reactions")
            {
                part = "{emoji}";
            }
            else if (IsId(segment))
            {
                part = "{id}";
            }
            else
            {
                part = segment;
            }

            template.Append('/').Append(part);
        }

        return new RestRoute(method.ToUpperInvariant(), template.Length == 0 ? "/" : template.ToString(), major);
    }

    private static string TokenHash(string token) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(token)), 0, 6);

    private static bool IsId(string segment) => segment.Length > 0 && segment.All(char.IsAsciiDigit);
}
