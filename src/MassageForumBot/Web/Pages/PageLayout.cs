using System.Net;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace MassageForumBot.Web.Pages;

/// <summary>The shared page shell: title, navigation, the console's style sheet and script, and HTML helpers.</summary>
public static class PageLayout
{
    private static readonly (string Path, string Label)[] Navigation =
    [
        ("/", "Dashboard"),
        ("/review", "Review"),
        ("/draft", "Draft a reply"),
        ("/notes", "Evidence notes"),
    ];

    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A full page. <paramref name="signOut"/> shows the sign-out button (only when a sign-in exists).</summary>
    public static IResult Page(HttpContext context, string title, string currentPath, string body, bool signOut, int status = StatusCodes.Status200OK)
    {
        var html = new StringBuilder(4096);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(title)).Append(" · MassageForumBot</title>\n")
            .Append("<link rel=\"stylesheet\" href=\"").Append(ConsoleAssets.StylePath).Append("\">\n")
            .Append("<script src=\"").Append(ConsoleAssets.ScriptPath).Append("\" defer></script>\n")
            .Append("</head>\n<body>\n<header class=\"top\"><strong>MassageForumBot</strong><nav>");
        foreach (var (path, label) in Navigation)
        {
            html.Append("<a href=\"").Append(path).Append('"');
            if (path == currentPath) html.Append(" aria-current=\"page\"");
            html.Append('>').Append(Encode(label)).Append("</a>");
        }
        html.Append("</nav>");
        if (signOut)
            html.Append("<form method=\"post\" action=\"/logout\">").Append(AntiforgeryField(context))
                .Append("<button type=\"submit\" class=\"secondary\">Sign out</button></form>");
        html.Append("</header>\n<main>\n<h1>").Append(Encode(title)).Append("</h1>\n").Append(body).Append("\n</main>\n</body>\n</html>\n");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>The hidden anti-forgery field every form carries (the matching cookie is set on the same response).</summary>
    public static string AntiforgeryField(HttpContext context)
    {
        var antiforgery = context.RequestServices.GetService(typeof(IAntiforgery)) as IAntiforgery
            ?? throw new InvalidOperationException("Anti-forgery is not registered.");
        var tokens = antiforgery.GetAndStoreTokens(context);
        return $"<input type=\"hidden\" name=\"{Encode(tokens.FormFieldName)}\" value=\"{Encode(tokens.RequestToken)}\">";
    }

    public static string Percent(double value) => (value * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
