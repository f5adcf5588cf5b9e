using Microsoft.Playwright;

namespace MassageForumBot.Web.Tests;

/// <summary>With Web:AdminToken set, in a real browser: a page sends you to the login form, the token signs you in and
/// brings you back, a wrong token does not, and /healthz stays open.</summary>
public sealed class BrowserAccessTests(GuardedAppFixture guarded) : IClassFixture<GuardedAppFixture>, IAsyncLifetime
{
    private readonly Browser _browser = new();

    public Task InitializeAsync() => _browser.InitializeAsync();

    public Task DisposeAsync() => _browser.DisposeAsync();

    [SkippableFact]
    public async Task A_page_asks_for_the_token_and_signing_in_returns_to_it()
    {
        Skip.If(Browser.Unavailable is not null, Browser.Unavailable);
        var page = await _browser.Context.NewPageAsync();

        var health = await page.GotoAsync(new Uri(guarded.App.Url, "healthz").AbsoluteUri);
        Assert.Equal(200, health!.Status);

        await page.GotoAsync(new Uri(guarded.App.Url, "review").AbsoluteUri);
        Assert.Equal("/login", new Uri(page.Url).AbsolutePath);
        await _browser.ScreenshotAsync(page, "login");

        // Each submit is a navigation: wait for the page it leads to before touching the form again, or a fill or click
        // can land on the document being replaced and be lost (the cause of a timeout on a loaded CI machine).
        await page.FillAsync("#token", "wrong-token");
        await page.ClickAsync("button[type=submit]");
        await page.Locator("#login-error").WaitForAsync(); // only on the answer to the submit
        await page.WaitForLoadStateAsync(LoadState.Load);
        Assert.Equal("/login", new Uri(page.Url).AbsolutePath);

        await page.FillAsync("#token", GuardedAppFixture.Token);
        var signedIn = page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/review");
        await page.ClickAsync("button[type=submit]");
        await signedIn;
        Assert.Equal("Review", await page.InnerTextAsync("h1"));
        var session = Assert.Single(await _browser.Context.CookiesAsync(), c => c.Name == "mfb_session");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);

        var signedOut = page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/login");
        await page.ClickAsync("text=Sign out");
        await signedOut;
        await page.GotoAsync(new Uri(guarded.App.Url, "draft").AbsoluteUri);
        Assert.Equal("/login", new Uri(page.Url).AbsolutePath);
    }
}
