using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MassageForumBot.Replies;
using Microsoft.AspNetCore.Http;

namespace MassageForumBot.Web.Pages;

/// <summary>
/// The evidence notes, rendered once (NoteHtmlRenderer): /notes lists them, /notes/{id} shows one (".md" accepted),
/// anything else under /notes is a 404 page. The notes' inline style is allowed by its hash, not 'unsafe-inline'.
/// </summary>
public sealed partial class NotesPages
{
    private readonly Dictionary<string, string> _pages = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _index;
    private readonly string _notFound;
    private readonly string _policy;

    public NotesPages(TopicLibrary library)
    {
        var renderer = new NoteHtmlRenderer();
        foreach (var note in library.Notes) _pages[note.Id] = renderer.RenderNote(note, "/notes");
        _index = renderer.RenderIndex(library.Notes, n => "/notes/" + Uri.EscapeDataString(n.Id));
        _notFound = renderer.RenderNotFound("/notes");
        _policy = PolicyFor(_index);
    }

    public IResult Index(HttpContext context) => Send(context, _index, StatusCodes.Status200OK);

    public IResult Note(HttpContext context, string id)
    {
        if (id.EndsWith(".md", StringComparison.OrdinalIgnoreCase)) id = id[..^3];
        return _pages.TryGetValue(id, out var page)
            ? Send(context, page, StatusCodes.Status200OK)
            : Send(context, _notFound, StatusCodes.Status404NotFound);
    }

    public IResult NotFound(HttpContext context) => Send(context, _notFound, StatusCodes.Status404NotFound);

    private IResult Send(HttpContext context, string html, int status)
    {
        context.Response.Headers.ContentSecurityPolicy = _policy;
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>The console's policy with the notes' one fixed style block allowed by its SHA-256.</summary>
    private static string PolicyFor(string page)
    {
        var style = StyleBlock().Match(page);
        if (!style.Success) return SecurityHeaders.Policy;
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style.Groups[1].Value)));
        return SecurityHeaders.Policy.Replace("style-src 'self'", $"style-src 'self' 'sha256-{hash}'", StringComparison.Ordinal);
    }

    [GeneratedRegex("<style>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleBlock();
}
