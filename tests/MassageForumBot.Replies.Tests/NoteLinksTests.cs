namespace MassageForumBot.Replies.Tests;

public class NoteLinksTests
{
    private static EvidenceNote Note(string id) =>
        new(id, "T", "", ["glutes-x"], new DateOnly(2026, 11, 30), ["S"], "", Path.Combine("/content/notes", id + ".md"));

    [Fact]
    public void Without_a_base_url_links_point_at_the_default_local_endpoint()
    {
        var links = new NoteLinks(null);

        Assert.True(links.ServedLocally);
        Assert.Equal("http://127.0.0.1:5080/notes/what-release-means", links.For(Note("what-release-means")).AbsoluteUri);
        Assert.Equal("http://127.0.0.1:5080/notes", links.Index.AbsoluteUri);
    }

    [Fact]
    public void Without_a_base_url_links_use_the_given_listen_url()
    {
        var links = new NoteLinks(null, new Uri("http://127.0.0.1:49152"));

        Assert.Equal("http://127.0.0.1:49152/notes/sitting-and-the-glutes", links.For(Note("sitting-and-the-glutes")).AbsoluteUri);
    }

    [Theory]
    [InlineData("https://github.com/org/bot/blob/main/models/topics/notes")]
    [InlineData("https://github.com/org/bot/blob/main/models/topics/notes/")]
    public void With_a_base_url_links_are_base_url_plus_file_name(string baseUrl)
    {
        var links = new NoteLinks(new Uri(baseUrl), new Uri("http://127.0.0.1:9999"));

        Assert.False(links.ServedLocally);
        Assert.Equal(
            "https://github.com/org/bot/blob/main/models/topics/notes/what-release-means.md",
            links.For(Note("what-release-means")).AbsoluteUri);
        Assert.Equal("https://github.com/org/bot/blob/main/models/topics/notes/", links.Index.AbsoluteUri);
    }

    [Fact]
    public void Shipped_notes_get_distinct_links()
    {
        var links = new NoteLinks(new Uri("https://example.org/notes/"));

        var all = TestPaths.Shipped.Notes.Select(n => links.For(n).AbsoluteUri).ToArray();

        Assert.Equal(all.Length, all.Distinct().Count());
        Assert.All(all, l => Assert.EndsWith(".md", l, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Glutes and low back pain - what goes together", "Glutes and low back pain")]
    [InlineData("Weak glutes: what is measured", "Weak glutes")]
    [InlineData("What \"release\" means - nervous system: relaxation", "What \"release\" means")]
    [InlineData("Sitting and the glutes", "Sitting and the glutes")]
    public void Short_title_is_the_title_before_its_subtitle(string title, string expected)
    {
        Assert.Equal(expected, (Note("x") with { Title = title }).ShortTitle);
    }

    [Fact]
    public void Without_a_base_url_members_get_no_note_link()
    {
        var links = new NoteLinks(null);

        Assert.Null(links.ForMembers(Note("what-release-means")));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080/notes/")]
    [InlineData("https://localhost/notes/")]
    [InlineData("https://10.0.0.7/notes/")]
    [InlineData("http://notes.example.org/")]
    public void A_base_url_members_cannot_open_is_rejected_naming_the_setting(string url)
    {
        var error = Assert.Throws<ArgumentException>(() => new NoteLinks(new Uri(url)));

        Assert.Contains("Notes:BaseUrl", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://example.org/notes")]
    [InlineData("file:///tmp/notes")]
    public void Non_http_urls_are_rejected(string url)
    {
        Assert.Throws<ArgumentException>(() => new NoteLinks(new Uri(url)));
        Assert.Throws<ArgumentException>(() => new NoteLinks(null, new Uri(url)));
    }
}
