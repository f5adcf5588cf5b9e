using System.Globalization;
using System.Text;
using MassageForumBot.Moderation;
using MassageForumBot.Storage;
using MassageForumBot.Worker;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace MassageForumBot.Web.Pages;

/// <summary>
/// "/review": the latest replies and shadow drafts of every channel (the console channel's too) with the post's first
/// words, topic, confidence and feedback; Wrong topic, Remove and Approve go through <see cref="ModerationActions"/>,
/// exactly as the Discord buttons do. The console's operator acts as user 0 with moderator rights.
/// </summary>
public sealed class ReviewPage(IBotStore store, ModerationActions actions, ActiveClassifier classifier, TimeProvider time)
{
    public const int Limit = 100;
    public const int Days = 30;

    /// <summary>The web console's operator, as stored with feedback (Discord ids are never 0).</summary>
    public const ulong OperatorId = 0;

    public async Task<IResult> ShowAsync(HttpContext context, bool signOut, string? notice = null, int status = StatusCodes.Status200OK)
    {
        var cancel = context.RequestAborted;
        var inv = CultureInfo.InvariantCulture;
        var since = time.GetUtcNow().AddDays(-Days);
        var answers = await store.RecentAnswersAsync(since, Limit, cancel);
        var oldest = answers.Count == 0 ? since : answers.Min(a => a.At);
        var feedback = (await store.FeedbackAsync(null, oldest, cancel)).ToLookup(f => f.PostId);
        var antiforgery = PageLayout.AntiforgeryField(context);

        var body = new StringBuilder();
        if (notice is not null) body.Append("<p id=\"notice\" class=\"card\">").Append(PageLayout.Encode(notice)).Append("</p>");
        body.Append("<p class=\"muted\">Replies and shadow drafts of the last ").Append(Days).Append(" days, newest first (at most ").Append(Limit).Append(").</p>");
        if (answers.Count == 0)
        {
            body.Append("<p id=\"review-empty\">Nothing yet: no replies or drafts in the last ").Append(Days).Append(" days.</p>");
            return PageLayout.Page(context, "Review", "/review", body.ToString(), signOut, status);
        }

        body.Append("<table id=\"review\"><thead><tr><th>When (UTC)</th><th>Where</th><th>Post</th><th>Topic</th><th>Confidence</th><th>State</th><th>Feedback</th><th>Act</th></tr></thead><tbody>");
        var labels = classifier.Current.Labels;
        foreach (var a in answers)
        {
            var id = a.MessageId.ToString(inv);
            // Each action names the guild of the row it was shown for; the post must still be that guild's.
            var fields = antiforgery + "<input type=\"hidden\" name=\"guild\" value=\"" + a.GuildId.ToString(inv) + "\">";
            var removed = (await store.GetClaimAsync(a.MessageId, cancel))?.State == ReplyState.Removed;
            body.Append("<tr class=\"answer\" id=\"post-").Append(id).Append("\" data-post=\"").Append(id).Append("\">")
                .Append("<td>").Append(a.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm", inv)).Append("</td>")
                .Append("<td>").Append(a.GuildId == 0 ? "console channel" : $"guild {a.GuildId}, channel {a.ChannelId}").Append("</td>")
                .Append("<td class=\"excerpt\">").Append(PageLayout.Encode(a.Excerpt ?? "(text not kept)")).Append("</td>")
                .Append("<td class=\"topic\">").Append(PageLayout.Encode(a.Topic)).Append("</td>")
                .Append("<td class=\"confidence\">").Append(PageLayout.Percent(a.Confidence)).Append("</td>")
                .Append("<td class=\"state\">").Append(removed ? "removed" : State(a)).Append("</td>")
                .Append("<td class=\"feedback\">").Append(FeedbackSummary(feedback[a.MessageId])).Append("</td><td>");
            if (!removed)
            {
                body.Append("<form method=\"post\" action=\"/review/").Append(id).Append("/label\">").Append(fields)
                    .Append("<select name=\"label\" aria-label=\"Right topic\">");
                foreach (var label in labels)
                    body.Append("<option value=\"").Append(PageLayout.Encode(label)).Append('"').Append(label == a.Topic ? " selected" : "").Append('>').Append(PageLayout.Encode(label)).Append("</option>");
                body.Append("</select> <button type=\"submit\" class=\"secondary\">Wrong topic</button></form>");
                body.Append("<form method=\"post\" action=\"/review/").Append(id).Append("/remove\">").Append(fields)
                    .Append("<button type=\"submit\" class=\"danger\">Remove</button></form>");
                if (a.Outcome == PostOutcome.ShadowDraft)
                    body.Append("<form method=\"post\" action=\"/review/").Append(id).Append("/approve\">").Append(fields)
                        .Append("<button type=\"submit\">Approve</button></form>");
            }
            body.Append("</td></tr>");
        }
        body.Append("</tbody></table>");
        return PageLayout.Page(context, "Review", "/review", body.ToString(), signOut, status);
    }

    /// <summary>POST /review/{id}/{action}: label (form field "label"), remove or approve; form field "guild" names the post's guild.</summary>
    public async Task<IResult> ActAsync(HttpContext context, IAntiforgery antiforgery, ulong postId, string action, bool signOut)
    {
        if (!await WebForms.IsValidAsync(context, antiforgery)) return WebForms.Rejected(context);
        var cancel = context.RequestAborted;
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(cancel) : FormCollection.Empty;
        if (!ulong.TryParse(form["guild"], NumberStyles.None, CultureInfo.InvariantCulture, out var guildId))
            return await ShowAsync(context, signOut, "Say which guild the post is in (form field guild; 0 for the console channel).", StatusCodes.Status400BadRequest);
        // Checked before any write: a post of another guild than the form names reads as gone and is left as it is.
        var decision = await actions.FindAsync(postId, guildId, cancel);
        ModerationOutcome outcome;
        switch (action)
        {
            case "label":
                outcome = await actions.LabelAsync(decision, OperatorId, form["label"].ToString(), cancel);
                break;
            case "remove":
                if (decision is null) return await ShowAsync(context, signOut, ModerationActions.Gone, StatusCodes.Status404NotFound);
                outcome = await actions.RemoveAsync(postId, guildId, OperatorId, deleteMessage: null, cancel);
                break;
            case "approve":
                outcome = await actions.ApproveAsync(decision, OperatorId, cancel);
                break;
            default:
                return Results.NotFound();
        }
        if (!outcome.Done)
            return await ShowAsync(context, signOut, outcome.Message.Replace("**", "", StringComparison.Ordinal),
                decision is null ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict);
        // Post/redirect/get, so a reload does not act twice.
        return Results.Redirect($"/review?done={action}#post-{postId.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>The notice shown after a redirect; fixed texts, so the query string cannot put words on the page.</summary>
    public static string? DoneNotice(string? action) => action switch
    {
        "label" => "Labelled. Thanks, this goes into the next training run.",
        "remove" => "Removed. The bot will not post again for this post.",
        "approve" => "Approved: the reply is posted.",
        _ => null,
    };

    private static string State(PostDecision a) => a.Outcome switch
    {
        PostOutcome.Replied => "reply",
        PostOutcome.ShadowDraft => "shadow draft",
        var o => o.ToString(),
    };

    private static string FeedbackSummary(IEnumerable<Feedback> feedback)
    {
        var parts = feedback.GroupBy(f => f.CorrectedLabel is null ? f.Kind : $"{f.Kind} → {f.CorrectedLabel}")
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{PageLayout.Encode(g.Key)} ×{g.Count()}")
            .ToList();
        return parts.Count == 0 ? "<span class=\"muted\">none</span>" : string.Join("<br>", parts);
    }
}
