namespace MassageForumBot.Replies;

/// <summary>
/// Where each evidence note can be read. With <c>Notes:BaseUrl</c> set (for example the repository's notes folder on
/// a code host) a note's link is BaseUrl + its file name; without it the bot serves the notes itself
/// (<see cref="NotesWebServer"/>) and a note's link is <c>{listenUrl}/notes/{id}</c>.
/// </summary>
public sealed class NoteLinks
{
    /// <summary>The default of <c>Notes:ListenUrl</c>.</summary>
    public static Uri DefaultListenUrl { get; } = new("http://127.0.0.1:5080/");

    private readonly Uri? _baseUrl;
    private readonly Uri _listenUrl;

    /// <param name="baseUrl">Config <c>Notes:BaseUrl</c>; null or unset means the bot serves the notes itself.</param>
    /// <param name="listenUrl">Config <c>Notes:ListenUrl</c> (or the server's actual bound URL); default http://127.0.0.1:5080.</param>
    public NoteLinks(Uri? baseUrl, Uri? listenUrl = null)
    {
        if (baseUrl is not null)
        {
            RequireHttp(baseUrl, nameof(baseUrl));
        }

        listenUrl ??= DefaultListenUrl;
        RequireHttp(listenUrl, nameof(listenUrl));
        _baseUrl = baseUrl is null ? null : WithTrailingSlash(baseUrl);
        _listenUrl = WithTrailingSlash(listenUrl);
    }

    /// <summary>The configured base URL (with a trailing slash), or null when the notes are served locally.</summary>
    public Uri? BaseUrl => _baseUrl;

    /// <summary>The local listen URL the links point at when <see cref="BaseUrl"/> is not set.</summary>
    public Uri ListenUrl => _listenUrl;

    /// <summary>True when the links point at the bot's own web endpoint, which must then be running.</summary>
    public bool ServedLocally => _baseUrl is null;

    /// <summary>Where the list of all notes is: BaseUrl itself, or <c>{listenUrl}/notes</c>.</summary>
    public Uri Index => _baseUrl ?? new Uri(_listenUrl, "notes");

    /// <summary>The link for one note.</summary>
    public Uri For(EvidenceNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        return _baseUrl is not null
            ? new Uri(_baseUrl, Uri.EscapeDataString(note.FileName))
            : new Uri(_listenUrl, "notes/" + Uri.EscapeDataString(note.Id));
    }

    private static void RequireHttp(Uri url, string name)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{url}' must be an absolute http or https URL.", name);
        }
    }

    private static Uri WithTrailingSlash(Uri url)
    {
        var builder = new UriBuilder(url) { Query = string.Empty, Fragment = string.Empty };
        if (!builder.Path.EndsWith('/'))
        {
            builder.Path += "/";
        }

        return builder.Uri;
    }
}
