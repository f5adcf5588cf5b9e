using MassageForumBot.Discord.Rest;
using Microsoft.Extensions.Time.Testing;

namespace MassageForumBot.Discord.Tests;

public sealed class RestRateLimiterTests
{
    [Theory]
    [InlineData("POST", "/api/v10/channels/123/messages", "POST /channels/{channel_id}/messages", "channels/123")]
    [InlineData("DELETE", "/api/v10/channels/123/messages/456", "DELETE /channels/{channel_id}/messages/{id}", "channels/123")]
    [InlineData("PUT", "/channels/1/messages/2/reactions/%F0%9F%91%8D/@me", "PUT /channels/{channel_id}/messages/{id}/reactions/{emoji}/@me", "channels/1")]
    [InlineData("POST", "/api/v10/interactions/77/secret-token/callback", "POST /interactions/{id}/{token}/callback", "interactions/77/")]
    [InlineData("PATCH", "/api/v10/webhooks/500/secret-token/messages/@original", "PATCH /webhooks/{webhook_id}/{token}/messages/@original", "webhooks/500/")]
    [InlineData("PUT", "/api/v10/applications/5/guilds/6/commands", "PUT /applications/{id}/guilds/{guild_id}/commands", "guilds/6")]
    [InlineData("GET", "/api/v10/gateway/bot", "GET /gateway/bot", "")]
    public void Routes_hide_ids_and_tokens_and_keep_the_major_parameter(string method, string path, string expected, string major)
    {
        var route = RestRoute.FromPath(method, path);

        Assert.Equal(expected, route.ToString());
        if (major.EndsWith('/'))
        {
            Assert.StartsWith(major, route.MajorParameter, StringComparison.Ordinal); // plus a token hash
        }
        else
        {
            Assert.Equal(major, route.MajorParameter);
        }

        Assert.DoesNotContain("secret", route.Key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Different_interactions_never_queue_behind_each_other()
    {
        var limiter = new RestRateLimiter(new FakeTimeProvider());
        var first = RestRoute.FromPath("POST", "/api/v10/interactions/1/token-a/callback");
        var second = RestRoute.FromPath("POST", "/api/v10/interactions/2/token-b/callback");
        var editA = RestRoute.FromPath("PATCH", "/api/v10/webhooks/9/token-a/messages/@original");
        var editB = RestRoute.FromPath("PATCH", "/api/v10/webhooks/9/token-b/messages/@original");

        using var held = await limiter.AcquireAsync(first, default); // an in-flight callback, not completed
        using var heldEdit = await limiter.AcquireAsync(editA, default);

        using var other = await limiter.AcquireAsync(second, default).AsTask().WaitAsync(Wait.Guard);
        using var otherEdit = await limiter.AcquireAsync(editB, default).AsTask().WaitAsync(Wait.Guard);
        Assert.NotEqual(editA.MajorParameter, editB.MajorParameter);
    }

    [Fact]
    public async Task An_exhausted_bucket_waits_for_reset_after()
    {
        var time = new FakeTimeProvider();
        var limiter = new RestRateLimiter(time);
        var route = RestRoute.FromPath("POST", "/channels/1/messages");

        var permit = await limiter.AcquireAsync(route, default);
        permit.Complete(new RateLimitHeaders { StatusCode = 200, Bucket = "b", Remaining = 0, ResetAfterSeconds = 2 });

        var next = limiter.AcquireAsync(route, default).AsTask();
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        (await next.WaitAsync(Wait.Guard)).Dispose();
    }

    [Fact]
    public async Task Remaining_counts_down_before_blocking()
    {
        var time = new FakeTimeProvider();
        var limiter = new RestRateLimiter(time);
        var route = RestRoute.FromPath("GET", "/channels/1");

        (await limiter.AcquireAsync(route, default)).Complete(new RateLimitHeaders { StatusCode = 200, Bucket = "g", Remaining = 2, ResetAfterSeconds = 5 });
        (await limiter.AcquireAsync(route, default).AsTask().WaitAsync(Wait.Guard)).Dispose();
        (await limiter.AcquireAsync(route, default).AsTask().WaitAsync(Wait.Guard)).Dispose();
        var third = limiter.AcquireAsync(route, default).AsTask();

        Assert.False(third.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5));
        (await third.WaitAsync(Wait.Guard)).Dispose();
    }

    [Fact]
    public async Task Responses_without_headers_leave_the_route_free()
    {
        var limiter = new RestRateLimiter(new FakeTimeProvider());
        var route = RestRoute.FromPath("GET", "/channels/1");

        for (var i = 0; i < 20; i++)
        {
            var permit = await limiter.AcquireAsync(route, default).AsTask().WaitAsync(Wait.Guard);
            permit.Complete(RateLimitHeaders.Parse(200, _ => null, null));
        }

        Assert.Null(limiter.GlobalResetAt);
    }

    [Fact]
    public void Parse_reads_the_429_body_and_headers()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["x-ratelimit-bucket"] = "abc",
            ["x-ratelimit-remaining"] = "0",
            ["x-ratelimit-reset-after"] = "1.25",
            ["retry-after"] = "2",
            ["x-ratelimit-scope"] = "shared",
        };

        var parsed = RateLimitHeaders.Parse(429, n => headers.GetValueOrDefault(n), "{\"message\":\"You are being rate limited.\",\"retry_after\":0.75,\"global\":false}");
        var fromHeaderOnly = RateLimitHeaders.Parse(429, n => headers.GetValueOrDefault(n), "<html>cloudflare</html>");
        var global = RateLimitHeaders.Parse(429, _ => null, "{\"retry_after\":3,\"global\":true}");

        Assert.Equal(0.75, parsed.RetryAfterSeconds);
        Assert.Equal("abc", parsed.Bucket);
        Assert.Equal(0, parsed.Remaining);
        Assert.Equal(1.25, parsed.ResetAfterSeconds);
        Assert.Equal("shared", parsed.Scope);
        Assert.False(parsed.Global);
        Assert.Equal(2, fromHeaderOnly.RetryAfterSeconds);
        Assert.True(global.Global);
    }
}
