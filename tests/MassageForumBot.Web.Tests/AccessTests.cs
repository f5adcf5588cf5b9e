using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using MassageForumBot.ConsoleChannel;
using MassageForumBot.Worker;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MassageForumBot.Web.Tests;

/// <summary>With Web:AdminToken set: every page but /healthz needs the sign-in cookie or the bearer header.</summary>
public sealed class AccessTests(GuardedAppFixture fixture) : IClassFixture<GuardedAppFixture>
{
    private WebApp App => fixture.App;

    [Theory]
    [InlineData("/")]
    [InlineData("/draft")]
    [InlineData("/review")]
    [InlineData("/metrics")]
    [InlineData("/notes")]
    public async Task Without_a_sign_in_a_script_gets_401_and_a_browser_is_sent_to_the_login_form(string path)
    {
        using var http = App.Client();
        using var script = await http.GetAsync(path);
        using var browser = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "Accept", "text/html" } } });

        Assert.Equal(HttpStatusCode.Unauthorized, script.StatusCode);
        Assert.Equal("Bearer", script.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Redirect, browser.StatusCode);
        Assert.StartsWith("/login?ReturnUrl=", browser.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_needs_no_sign_in()
    {
        using var http = App.Client();
        using var response = await http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_bearer_header_opens_every_page_and_a_wrong_one_does_not()
    {
        using var http = App.Client();
        using var right = await SendAsync(http, "/metrics", GuardedAppFixture.Token);
        using var page = await SendAsync(http, "/review", GuardedAppFixture.Token);
        using var wrong = await SendAsync(http, "/metrics", GuardedAppFixture.Token + "x");

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("massageforumbot_posts_classified_total", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task Signing_in_sets_an_httponly_samesite_strict_cookie_that_opens_the_pages()
    {
        var cookies = new CookieContainer();
        using var http = App.Client(cookies: cookies);
        var form = await http.GetStringAsync("/login?ReturnUrl=%2Freview");
        var token = WebApp.AntiforgeryToken(form);

        using var wrong = await http.PostAsync("/login", Form(token, "not-the-token"));
        Assert.Contains("name=\"returnUrl\" value=\"/review\"", form, StringComparison.Ordinal);
        using var signIn = await http.PostAsync("/login", Form(token, GuardedAppFixture.Token, "/review"));
        using var page = await http.GetAsync("/review");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/review", signIn.Headers.Location!.OriginalString);
        var setCookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("mfb_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task The_login_form_needs_its_antiforgery_token_and_never_redirects_off_site()
    {
        var cookies = new CookieContainer();
        using var http = App.Client(cookies: cookies);
        using var forged = await http.PostAsync("/login", new FormUrlEncodedContent([new("token", GuardedAppFixture.Token)]));
        var token = WebApp.AntiforgeryToken(await http.GetStringAsync("/login"));
        using var offSite = await http.PostAsync("/login", new FormUrlEncodedContent(
            [new("token", GuardedAppFixture.Token), new("returnUrl", "//evil.example/"), new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, offSite.StatusCode);
        Assert.Equal("/", offSite.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Beyond_loopback_start_up_needs_the_admin_token_and_names_the_key()
    {
        string[] args = ["--Web:ListenUrl=http://0.0.0.0:0/", "--Web:AdminToken=", "--Discord:Token=", "--Storage:ConnectionString=Data Source=:memory:"];
        using var host = BotHost.CreateBuilder(args, new ConsoleChannelIo(new StringReader(""), new StringWriter())).Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Web:AdminToken", string.Join(" ", error.Failures), StringComparison.Ordinal);
        Assert.Contains("Web__AdminToken", string.Join(" ", error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_run_verb_exits_with_code_2_naming_web_admintoken_when_listening_beyond_loopback_without_it()
    {
        var program = Path.Combine(AppContext.BaseDirectory, "MassageForumBot.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in new[] { program, "run", "--Web:ListenUrl=http://0.0.0.0:0/", "--Discord:Token=", "--Storage:ConnectionString=Data Source=:memory:" })
            start.ArgumentList.Add(a);
        start.Environment.Remove("Web__AdminToken");
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("Web:AdminToken", await stderr, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, string path, string token) =>
        http.SendAsync(new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } });

    private static FormUrlEncodedContent Form(string antiforgery, string token, string returnUrl = "/") =>
        new([new("token", token), new("returnUrl", returnUrl), new("__RequestVerificationToken", antiforgery)]);
}
