using Microsoft.Playwright;

namespace MassageForumBot.Web.Tests;

/// <summary>The console in a real browser (headless chromium): the Facebook draft page with its Copy button, a console
/// post on the review page, the dashboard chart, and signing in. Skipped, visibly, only where chromium is missing.</summary>
public sealed class BrowserTests(OpenAppFixture open) : IClassFixture<OpenAppFixture>, IAsyncLifetime
{
    private readonly Browser _browser = new();

    public Task InitializeAsync() => _browser.InitializeAsync();

    public Task DisposeAsync() => _browser.DisposeAsync();

    [SkippableFact]
    public async Task Pasting_a_post_on_draft_shows_the_verdict_and_the_draft_and_Copy_puts_it_on_the_clipboard()
    {
        Skip.If(Browser.Unavailable is not null, Browser.Unavailable);
        await _browser.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new BrowserContextGrantPermissionsOptions { Origin = open.App.Url.GetLeftPart(UriPartial.Authority) });
        var page = await _browser.Context.NewPageAsync();
        var errors = CspErrors(page);

        await page.GotoAsync(new Uri(open.App.Url, "draft").AbsoluteUri);
        await page.FillAsync("textarea[name=post]", Posts.Draping);
        await page.ClickAsync("#draft-submit");
        await page.WaitForSelectorAsync("#verdict");

        Assert.Contains("glutes-draping", await page.InnerTextAsync("#verdict"), StringComparison.Ordinal);
        Assert.Equal("yes", await page.InnerTextAsync("#verdict-reply"));
        var draft = await page.InnerTextAsync("#draft");
        Assert.Contains("glutes", draft, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("127.0.0.1", draft, StringComparison.Ordinal);

        var copy = page.Locator("#copy-draft");
        Assert.Equal("Copy", await copy.InnerTextAsync());
        await copy.ClickAsync();
        await page.WaitForSelectorAsync("#copy-draft[data-copied]");
        var clipboard = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.Equal(Normalise(draft), Normalise(clipboard));
        Assert.Equal("Copied", await copy.InnerTextAsync());
        Assert.True(await page.IsVisibleAsync("#keywords"));
        Assert.Empty(errors);
        await _browser.ScreenshotAsync(page, "draft");
    }

    [SkippableFact]
    public async Task A_console_channel_post_appears_on_review_with_its_first_words_topic_and_confidence()
    {
        Skip.If(Browser.Unavailable is not null, Browser.Unavailable);
        const string post = "Genuine question for the room: do you all include glutes in a full body massage or skip them unless asked?";
        await open.App.PostAsync(post);
        var page = await _browser.Context.NewPageAsync();
        var errors = CspErrors(page);

        await page.GotoAsync(new Uri(open.App.Url, "review").AbsoluteUri);
        var row = page.Locator("tr.answer", new PageLocatorOptions { HasText = "Genuine question for the room" });

        Assert.Equal(1, await row.CountAsync());
        Assert.Contains("console channel", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("glutes-routine", await row.Locator("td.topic").InnerTextAsync());
        Assert.EndsWith("%", await row.Locator("td.confidence").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await row.Locator("button", new LocatorLocatorOptions { HasText = "Wrong topic" }).CountAsync());
        await _browser.ScreenshotAsync(page, "review");

        // Wrong topic from the browser: stored as the Discord button stores it, shown as feedback.
        await row.Locator("select[name=label]").SelectOptionAsync("glutes-draping");
        await row.Locator("button", new LocatorLocatorOptions { HasText = "Wrong topic" }).ClickAsync();
        await page.WaitForSelectorAsync("#notice");
        var feedback = await page.Locator("tr.answer", new PageLocatorOptions { HasText = "Genuine question for the room" }).Locator("td.feedback").InnerTextAsync();
        Assert.Contains("wrongtopic → glutes-draping", feedback, StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    [SkippableFact]
    public async Task The_dashboard_chart_renders_thirty_days_of_bars_as_svg()
    {
        Skip.If(Browser.Unavailable is not null, Browser.Unavailable);
        await open.App.PostAsync(Posts.Routine);
        var page = await _browser.Context.NewPageAsync();
        var errors = CspErrors(page);

        await page.GotoAsync(open.App.Url.AbsoluteUri);
        var chart = page.Locator("svg#activity-chart");
        var box = await chart.BoundingBoxAsync();

        Assert.NotNull(box);
        Assert.True(box!.Width > 600 && box.Height > 150, $"chart is {box.Width}x{box.Height}");
        Assert.Equal(90, await chart.Locator("rect.bar").CountAsync());
        var todayReplies = chart.Locator($"rect.bar.replies[data-day='{DateTime.UtcNow:yyyy-MM-dd}'], rect.bar.drafts[data-day='{DateTime.UtcNow:yyyy-MM-dd}']");
        var heights = await todayReplies.EvaluateAllAsync<double[]>("bars => bars.map(b => b.getBBox().height)");
        Assert.Contains(heights, h => h > 0);
        Assert.Empty(errors);
        await _browser.ScreenshotAsync(page, "dashboard");
    }

    private static List<string> CspErrors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error") errors.Add($"{message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => errors.Add(error);
        return errors;
    }

    private static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
