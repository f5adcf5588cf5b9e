using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace MassageForumBot.Web.Pages;

/// <summary>
/// "/draft", the Facebook assisted mode: paste a group post, see the verdict (#verdict) and, when the bot would reply,
/// the plain-text draft (#draft) with a Copy button; below, the Admin Assist keyword list, also with a Copy button.
/// Nothing is stored: it is a dry run.
/// </summary>
public sealed class DraftPage(DraftService drafts, AdminAssistKeywords keywords)
{
    public IResult Show(HttpContext context, bool signOut) => Render(context, signOut, post: "", verdict: null);

    public async Task<IResult> SubmitAsync(HttpContext context, IAntiforgery antiforgery, bool signOut)
    {
        if (!await WebForms.IsValidAsync(context, antiforgery)) return WebForms.Rejected(context);
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var post = form["post"].ToString();
        if (string.IsNullOrWhiteSpace(post))
            return Render(context, signOut, post, verdict: null, error: "Paste the post's text first.", status: StatusCodes.Status400BadRequest);
        var verdict = await drafts.JudgeAsync(post, context.RequestAborted);
        return Render(context, signOut, post, verdict);
    }

    private IResult Render(HttpContext context, bool signOut, string post, DraftVerdict? verdict, string? error = null, int status = StatusCodes.Status200OK)
    {
        var body = new StringBuilder();
        body.Append("<section class=\"card\"><p>Paste a post from a Facebook group (or anywhere). The bot says what it would do and, when it would reply, gives the reply to paste back by hand. Nothing is stored.</p>")
            .Append("<form method=\"post\" action=\"/draft\" id=\"draft-form\">").Append(PageLayout.AntiforgeryField(context))
            .Append("<label for=\"post\">The post</label>")
            .Append("<textarea id=\"post\" name=\"post\" required maxlength=\"").Append(DraftService.MaxPostLength).Append("\">").Append(PageLayout.Encode(post)).Append("</textarea>")
            .Append("<p><button type=\"submit\" id=\"draft-submit\">Draft a reply</button></p></form>");
        if (error is not null) body.Append("<p class=\"error\" id=\"draft-error\">").Append(PageLayout.Encode(error)).Append("</p>");
        body.Append("</section>");

        if (verdict is not null)
        {
            body.Append("<section class=\"card\" id=\"verdict\" data-topic=\"").Append(PageLayout.Encode(verdict.Topic))
                .Append("\" data-would-reply=\"").Append(verdict.WouldReply ? "true" : "false").Append("\"><h2>Verdict</h2><dl class=\"facts\">")
                .Append("<dt>Topic</dt><dd id=\"verdict-topic\">").Append(PageLayout.Encode(verdict.Topic)).Append("</dd>")
                .Append("<dt>Confidence</dt><dd id=\"verdict-confidence\">").Append(PageLayout.Percent(verdict.Confidence))
                .Append(" <span class=\"muted\">(reply threshold ").Append(PageLayout.Percent(verdict.Threshold)).Append(")</span></dd>")
                .Append("<dt>Would reply</dt><dd id=\"verdict-reply\" class=\"").Append(verdict.WouldReply ? "verdict-yes\">yes" : "verdict-no\">no").Append("</dd>")
                .Append("<dt>Why</dt><dd id=\"verdict-why\">").Append(PageLayout.Encode(verdict.Why)).Append("</dd></dl></section>");
            if (verdict.Draft is not null)
                body.Append("<section class=\"card\"><h2>Reply to paste</h2><pre class=\"copyable\" id=\"draft\">").Append(PageLayout.Encode(verdict.Draft)).Append("</pre>")
                    .Append("<button type=\"button\" id=\"copy-draft\" data-copy-target=\"draft\">Copy</button></section>");
        }

        body.Append("<section class=\"card\" id=\"keywords-section\"><h2>Admin Assist keywords</h2>");
        if (keywords.List is { } list)
            body.Append("<p class=\"muted\">For Facebook's Keyword alerts or Admin Assist ('Post contains keywords'), pasted by hand. Never pair them with decline or remove: these are welcome questions.</p>")
                .Append("<pre class=\"copyable\" id=\"keywords\">").Append(PageLayout.Encode(list)).Append("</pre>")
                .Append("<button type=\"button\" id=\"copy-keywords\" data-copy-target=\"keywords\">Copy</button>");
        else
            body.Append("<p class=\"error\" id=\"keywords\">").Append(PageLayout.Encode(keywords.Problem)).Append("</p>");
        body.Append("</section>");
        return PageLayout.Page(context, "Draft a reply", "/draft", body.ToString(), signOut, status);
    }
}
