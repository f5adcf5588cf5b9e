using Microsoft.AspNetCore.Http;

namespace MassageForumBot.Web;

/// <summary>
/// A strict Content-Security-Policy on every response: script and style only from this app (no inline code), no
/// plugins, frames, or outside connections; forms post only here. A page with a fixed inline style (the evidence
/// notes) sets its own policy naming that style's hash.
/// </summary>
public static class SecurityHeaders
{
    public const string Policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static void Apply(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            if (!headers.ContainsKey("Content-Security-Policy")) headers.ContentSecurityPolicy = Policy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            return Task.CompletedTask;
        });
    }
}
