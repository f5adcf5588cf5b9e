using System.Net;
using System.Net.Sockets;

namespace MassageForumBot.Replies.Tests;

public class NotesWebServerTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static async Task<NotesWebServer> StartAsync(int port)
    {
        var server = new NotesWebServer(TestPaths.Shipped);
        await server.StartAsync(new Uri($"http://127.0.0.1:{port}"), CancellationToken.None);
        return server;
    }

    [Fact]
    public async Task Serves_a_note_page_over_loopback()
    {
        var port = FreePort();
        await using var server = await StartAsync(port);
        var note = TestPaths.Shipped.FindNote("what-release-means")!;

        Assert.Equal(new Uri($"http://127.0.0.1:{port}/"), server.Url);
        using var response = await Http.GetAsync(server.Links.For(note), CancellationToken.None);
        var html = await response.Content.ReadAsStringAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(WebUtility.HtmlEncode(note.Title), html, StringComparison.Ordinal);
        Assert.Contains("doi:10.7556/jaoa.2008.108.8.379", html, StringComparison.Ordinal);
        Assert.Contains("Last reviewed", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_note_id_is_404()
    {
        await using var server = await StartAsync(FreePort());

        using var unknown = await Http.GetAsync(new Uri(server.Url!, "notes/no-such-note"), CancellationToken.None);
        using var outside = await Http.GetAsync(new Uri(server.Url!, "secrets"), CancellationToken.None);
        using var traversal = await Http.GetAsync(new Uri(server.Url!, "notes/%2E%2E%2Fsummary"), CancellationToken.None);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Note not found", await unknown.Content.ReadAsStringAsync(CancellationToken.None), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, traversal.StatusCode);
    }

    [Fact]
    public async Task Index_lists_every_note_and_links_resolve()
    {
        await using var server = await StartAsync(FreePort());

        var html = await Http.GetStringAsync(new Uri(server.Url!, "notes"), CancellationToken.None);

        foreach (var note in TestPaths.Shipped.Notes)
        {
            Assert.Contains($"href=\"/notes/{note.Id}\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Non_get_requests_are_refused()
    {
        await using var server = await StartAsync(FreePort());

        using var response = await Http.PostAsync(new Uri(server.Url!, "notes/what-release-means"), new StringContent("x"), CancellationToken.None);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Port_zero_binds_a_free_port_and_reports_it()
    {
        var server = new NotesWebServer(TestPaths.Shipped);
        await using (server)
        {
            await server.StartAsync(new Uri("http://127.0.0.1:0/"), CancellationToken.None);

            Assert.NotNull(server.Url);
            Assert.NotEqual(0, server.Url!.Port);
            using var response = await Http.GetAsync(new Uri(server.Url, "notes/sitting-and-the-glutes"), CancellationToken.None);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Stops_serving_after_dispose()
    {
        var server = await StartAsync(FreePort());
        var url = new Uri(server.Url!, "notes");

        await server.DisposeAsync();

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => Http.GetAsync(url, CancellationToken.None));
    }
}
