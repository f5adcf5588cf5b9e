using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using MassageForumBot.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace MassageForumBot.Web.Tests;

/// <summary>The review page's actions store what the Discord buttons store (shared ModerationActions).</summary>
public sealed partial class ReviewActionTests(OpenAppFixture fixture) : IClassFixture<OpenAppFixture>
{
    private WebApp App => fixture.App;

    private IBotStore Store => App.Services.GetRequiredService<IBotStore>();

    [Fact]
    public async Task Remove_marks_the_claim_removed_records_remove_feedback_and_hides_the_actions()
    {
        var id = await PostAndFindAsync("Removal check: does everyone include glutes in a full body massage or skip them?");

        using var response = await ActAsync(id, "remove");
        var page = await App.Client().GetStringAsync("/review");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ReplyState.Removed, (await Store.GetClaimAsync(id))!.State);
        var feedback = Assert.Single(await Store.FeedbackAsync(null, DateTimeOffset.UnixEpoch), f => f.PostId == id);
        Assert.Equal((FeedbackKinds.Removed, true), (feedback.Kind, feedback.ByModerator));
        var row = Row(page, id);
        Assert.Contains("<td class=\"state\">removed</td>", row, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_turns_a_shadow_draft_into_a_reply_and_a_removed_draft_cannot_be_approved()
    {
        var approved = await PostAndFindAsync("Approval check: is it normal to skip the glutes in a full body, or do most of you include them?");
        var removed = await PostAndFindAsync("Second approval check: do you include glutes in every full body or only when the client asks?");
        Assert.Equal(PostOutcome.ShadowDraft, (await Store.GetDecisionAsync(approved))!.Outcome);

        using var ok = await ActAsync(approved, "approve");
        using var gone = await ActAsync(removed, "remove");
        using var refused = await ActAsync(removed, "approve");

        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var decision = (await Store.GetDecisionAsync(approved))!;
        Assert.Equal(PostOutcome.Replied, decision.Outcome);
        Assert.Contains("approved", decision.Reason, StringComparison.Ordinal);
        Assert.Equal(ReplyState.Sent, (await Store.GetClaimAsync(approved))!.State);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(PostOutcome.ShadowDraft, (await Store.GetDecisionAsync(removed))!.Outcome);
    }

    [Fact]
    public async Task Wrong_topic_stores_the_moderators_label_and_an_unknown_label_is_refused()
    {
        var id = await PostAndFindAsync("Label check: do you all include glutes in a full body or leave them out unless asked?");

        using var bad = await ActAsync(id, "label", ("label", "no-such-topic"));
        using var good = await ActAsync(id, "label", ("label", "glutes-lowback"));

        Assert.Equal(HttpStatusCode.Conflict, bad.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var feedback = Assert.Single(await Store.FeedbackAsync(null, DateTimeOffset.UnixEpoch), f => f.PostId == id);
        Assert.Equal((FeedbackKinds.WrongTopic, "glutes-lowback", "glutes-routine"), (feedback.Kind, feedback.CorrectedLabel, feedback.PredictedTopic));
    }

    [Fact]
    public async Task An_action_naming_another_guild_than_the_posts_changes_nothing()
    {
        var id = await PostAndFindAsync("Guild check: do most of you work the glutes in a full body or only when a client asks for it?");
        Assert.Contains("name=\"guild\" value=\"0\"", Row(await App.Client().GetStringAsync("/review"), id), StringComparison.Ordinal);

        using var remove = await ActAsync(id, "remove", ("guild", "111000000000000002"));
        using var label = await ActAsync(id, "label", ("label", "glutes-lowback"), ("guild", "111000000000000002"));
        using var approve = await ActAsync(id, "approve", ("guild", "111000000000000002"));
        using var unnamed = await ActAsync(id, "remove", ("guild", ""));

        Assert.Equal(HttpStatusCode.NotFound, remove.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, label.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, approve.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unnamed.StatusCode);
        Assert.NotEqual(ReplyState.Removed, (await Store.GetClaimAsync(id))!.State);
        Assert.Equal(PostOutcome.ShadowDraft, (await Store.GetDecisionAsync(id))!.Outcome);
        Assert.DoesNotContain(await Store.FeedbackAsync(null, DateTimeOffset.UnixEpoch), f => f.PostId == id);
    }

    [Fact]
    public async Task Healthz_is_503_naming_the_gateway_while_discord_cannot_be_reached()
    {
        await using var app = await WebApp.StartAsync(null, "--Discord:Token=not-a-real-token", "--Discord:ApiBaseUrl=http://127.0.0.1:9/api/v10");
        using var response = await app.Client().GetAsync("/healthz");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("unhealthy", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("checks");
        Assert.Equal("unhealthy", checks.GetProperty("gateway").GetProperty("status").GetString());
        Assert.Equal("healthy", checks.GetProperty("store").GetProperty("status").GetString());
    }

    private async Task<ulong> PostAndFindAsync(string post)
    {
        await App.PostAsync(post);
        var page = await App.Client().GetStringAsync("/review");
        var words = string.Join(' ', post.Split(' ').Take(4));
        var match = Regex.Match(page, "data-post=\"(\\d+)\"><td>[^<]*</td><td>[^<]*</td><td class=\"excerpt\">" + Regex.Escape(words));
        Assert.True(match.Success, $"'{words}' is not on /review");
        return ulong.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Posts a review action as the page's form does: the console channel's rows name guild 0.</summary>
    private async Task<HttpResponseMessage> ActAsync(ulong id, string action, params (string Name, string Value)[] fields)
    {
        using var http = App.Client(cookies: new CookieContainer());
        var token = WebApp.AntiforgeryToken(await http.GetStringAsync("/draft"));
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", token));
        if (fields.All(f => f.Name != "guild")) form = form.Append(new("guild", "0"));
        return await http.PostAsync($"/review/{id}/{action}", new FormUrlEncodedContent(form));
    }

    private static string Row(string page, ulong id) =>
        Regex.Match(page, $"<tr class=\"answer\" id=\"post-{id}\".*?</tr>", RegexOptions.Singleline).Value;
}
