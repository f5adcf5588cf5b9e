using MassageForumBot.Web.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace MassageForumBot.Web;

/// <summary>Anti-forgery checks for the console's forms.</summary>
public static class WebForms
{
    /// <summary>A form post must carry the anti-forgery token, unless it came with the bearer header (no browser adds that by itself).</summary>
    public static async Task<bool> IsValidAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (ConsoleAccess.IsBearer(context)) return true;
        return await antiforgery.IsRequestValidAsync(context);
    }

    public static IResult Rejected(HttpContext context) => PageLayout.Page(context, "Form expired",
        "", "<section class=\"card\"><p class=\"error\">The form was missing its anti-forgery token or it expired. Go back, reload the page and try again.</p></section>",
        signOut: false, StatusCodes.Status400BadRequest);
}
