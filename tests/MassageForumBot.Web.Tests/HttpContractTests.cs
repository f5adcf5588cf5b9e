using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using MassageForumBot.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace MassageForumBot.Web.Tests;

/// <summary>The console's HTTP contract on loopback without a token: health, metrics, CSP, anti-forgery, notes, pages.</summary>
public sealed partial class HttpContractTests(OpenAppFixture fixture) : IClassFixture<OpenAppFixture>
{
    private WebApp App => fixture.App;

    [Fact]
    public async Task Healthz_is_200_json_with_the_store_and_model_checks_and_no_gateway_without_a_token()
    {
        using var http = App.Client();
        using var response = await http.GetAsync("/healthz");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("healthy", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("checks");
        Assert.Equal("healthy", checks.GetProperty("store").GetProperty("status").GetString());
        Assert.Equal("healthy", checks.GetProperty("model").GetProperty("status").GetString());
        Assert.False(checks.TryGetProperty("gateway", out _));
    }

    [Fact]
    public async Task Metrics_are_prometheus_text_with_every_required_family_and_count_a_console_post()
    {
        using var http = App.Client();
        var before = Value(await http.GetStringAsync("/metrics"), "massageforumbot_posts_classified_total");

        await App.PostAsync(Posts.Routine);
        using var response = await http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE massageforumbot_posts_classified_total counter", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE massageforumbot_replies_total counter", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE massageforumbot_classify_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE massageforumbot_gateway_reconnects_total counter", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE massageforumbot_rest_rate_limited_total counter", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE massageforumbot_feedback_total counter", text, StringComparison.Ordinal);
        Assert.Matches(ReplySeries(), text);
        Assert.Contains("massageforumbot_classify_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.True(Value(text, "massageforumbot_posts_classified_total") >= before + 1, "the console post is counted");
        Assert.Contains("kind=\"wrongtopic\"", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/draft")]
    [InlineData("/review")]
    [InlineData("/notes")]
    [InlineData("/healthz")]
    public async Task Every_response_carries_a_strict_content_security_policy(string path)
    {
        using var http = App.Client();
        using var response = await http.GetAsync(path);
        var policy = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotContain(" style=\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" onclick=", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_form_post_without_its_antiforgery_token_is_refused_and_with_it_accepted()
    {
        var cookies = new CookieContainer();
        using var http = App.Client(cookies: cookies);
        using var without = await http.PostAsync("/draft", new FormUrlEncodedContent([new("post", Posts.Draping)]));

        var page = await http.GetStringAsync("/draft");
        using var with = await http.PostAsync("/draft", new FormUrlEncodedContent([new("post", Posts.Draping), new("__RequestVerificationToken", WebApp.AntiforgeryToken(page))]));

        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
        Assert.Contains("id=\"verdict\"", await with.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var antiforgeryCookie = Assert.Single(cookies.GetAllCookies(), c => c.Name == "mfb_antiforgery");
        Assert.True(antiforgeryCookie.HttpOnly);
    }

    [Fact]
    public async Task Draft_shows_the_verdict_and_a_copyable_reply_without_links_to_this_machine()
    {
        var html = await DraftAsync(Posts.Draping);

        Assert.Contains("id=\"verdict\"", html, StringComparison.Ordinal);
        Assert.Contains("data-would-reply=\"true\"", html, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"verdict-topic\">glutes-draping</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<pre class=\"copyable\" id=\"draft\">", html, StringComparison.Ordinal);
        Assert.Contains(">Copy</button>", html, StringComparison.Ordinal);
        var draft = Regex.Match(html, "id=\"draft\">(.*?)</pre>", RegexOptions.Singleline).Groups[1].Value;
        Assert.DoesNotContain("127.0.0.1", draft, StringComparison.Ordinal);
        Assert.DoesNotContain("localhost", draft, StringComparison.Ordinal);
        Assert.Contains("id=\"keywords\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Draft_says_no_and_why_for_an_off_topic_post_and_nothing_is_stored()
    {
        var store = App.Services.GetRequiredService<IBotStore>();
        var before = (await store.RecentAnswersAsync(DateTimeOffset.UnixEpoch, 1000)).Count;

        var html = await DraftAsync(Posts.Pricing);

        Assert.Contains("data-would-reply=\"false\"", html, StringComparison.Ordinal);
        Assert.Contains("not one of the recurring topics", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"draft\"", html, StringComparison.Ordinal);
        Assert.Equal(before, (await store.RecentAnswersAsync(DateTimeOffset.UnixEpoch, 1000)).Count);
    }

    [Fact]
    public async Task Notes_are_served_with_their_style_allowed_by_hash_and_unknown_notes_are_404()
    {
        using var http = App.Client();
        var index = await http.GetStringAsync("/notes");
        var first = NoteLink().Match(index).Groups[1].Value;
        using var note = await http.GetAsync(first);
        using var unknown = await http.GetAsync("/notes/no-such-note");

        Assert.Equal(HttpStatusCode.OK, note.StatusCode);
        Assert.Contains("Last reviewed", await note.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("style-src 'self' 'sha256-", string.Join(" ", note.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Note not found", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_shows_the_model_the_store_and_a_thirty_day_svg_chart()
    {
        using var http = App.Client();
        var html = await http.GetStringAsync("/");

        Assert.Contains("<svg id=\"activity-chart\"", html, StringComparison.Ordinal);
        Assert.Equal(90, Regex.Matches(html, "<rect class=\"bar ").Count);
        Assert.Contains("id=\"model-version\"", html, StringComparison.Ordinal);
        Assert.Contains("SQLite", html, StringComparison.Ordinal);
        Assert.Contains("console channel", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", Regex.Replace(html, "xmlns=\"http://www.w3.org/2000/svg\"", ""), StringComparison.Ordinal);
    }

    private async Task<string> DraftAsync(string post)
    {
        using var http = App.Client(cookies: new CookieContainer());
        var page = await http.GetStringAsync("/draft");
        using var response = await http.PostAsync("/draft", new FormUrlEncodedContent([new("post", post), new("__RequestVerificationToken", WebApp.AntiforgeryToken(page))]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static double Value(string metrics, string name) =>
        metrics.Split('\n').Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex("massageforumbot_replies_total\\{[^}]*mode=\"(live|shadow)\"[^}]*topic=\"glutes-[a-z]+\"")]
    private static partial Regex ReplySeries();

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("href=\"(/notes/[^\"]+)\"")]
    private static partial Regex NoteLink();
}
