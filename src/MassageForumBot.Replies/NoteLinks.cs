namespace MassageForumBot.Replies;

/// <summary>
/// Where each evidence note can be read. With <c>Notes:BaseUrl</c> set (an https URL on a public host, for example
/// the repository's notes folder on a code host) a note's member-facing link is BaseUrl + its file name. Without it,
/// replies carry no note links at all (Discord shows an evidence button per note, plain text lists the sources):
/// the notes the bot serves itself at <c>{listenUrl}/notes/{id}</c> are for the people running it, never for members.
/// </summary>
public sealed class NoteLinks
{
    /// <summary>The default of <c>Web:ListenUrl</c>.</summary>
    public static Uri DefaultListenUrl { get; } = new("http://127.0.0.1:5080/");

    private readonly Uri? _baseUrl;
    private readonly Uri _listenUrl;

    /// <param name="baseUrl">Config <c>Notes:BaseUrl</c>: null, or an https URL on a public host (else <see cref="ArgumentException"/>).</param>
    /// <param name="listenUrl">Where the bot serves the notes for its operators (config <c>Web:ListenUrl</c>); default http://127.0.0.1:5080.</param>
    public NoteLinks(Uri? baseUrl, Uri? listenUrl = null)
    {
        if (baseUrl is not null && MemberLinks.PublicHttpsProblem(baseUrl) is { } problem)
        {
            throw new ArgumentException($"Notes:BaseUrl {problem} ('{baseUrl}').", nameof(baseUrl));
        }

        listenUrl ??= DefaultListenUrl;
        if (!listenUrl.IsAbsoluteUri || (listenUrl.Scheme != Uri.UriSchemeHttp && listenUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{listenUrl}' must be an absolute http or https URL.", nameof(listenUrl));
        }

        _baseUrl = baseUrl is null ? null : WithTrailingSlash(baseUrl);
        _listenUrl = WithTrailingSlash(listenUrl);
    }

    /// <summary>The configured base URL (with a trailing slash), or null when the notes are not published.</summary>
    public Uri? BaseUrl => _baseUrl;

    /// <summary>The local listen URL the operator links point at when <see cref="BaseUrl"/> is not set.</summary>
    public Uri ListenUrl => _listenUrl;

    /// <summary>True when the notes are not published: only the bot's operators can open them, at <see cref="ListenUrl"/>.</summary>
    public bool ServedLocally => _baseUrl is null;

    /// <summary>Where the list of all notes is: BaseUrl itself, or <c>{listenUrl}/notes</c> (operators only).</summary>
    public Uri Index => _baseUrl ?? new Uri(_listenUrl, "notes");

    /// <summary>The note's link for members: BaseUrl + file name, or null when the notes are not published.</summary>
    public Uri? ForMembers(EvidenceNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        return _baseUrl is null ? null : new Uri(_baseUrl, Uri.EscapeDataString(note.FileName));
    }

    /// <summary>
    /// The note's link for the people running the bot (the `notes` verb, the notes site): the published link, or the
    /// local one. Never put this in a reply: use <see cref="ForMembers"/>.
    /// </summary>
    public Uri For(EvidenceNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        return ForMembers(note) ?? new Uri(_listenUrl, "notes/" + Uri.EscapeDataString(note.Id));
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
