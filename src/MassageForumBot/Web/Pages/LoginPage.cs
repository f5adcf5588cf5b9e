using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace MassageForumBot.Web.Pages;

/// <summary>The sign-in form (the admin token) and sign-out.</summary>
public static class LoginPage
{
    public static IResult Show(HttpContext context, string? returnUrl, string? error = null, int status = StatusCodes.Status200OK)
    {
        var body = $"""
            <section class="card">
            <p>This console needs the admin token (Web:AdminToken).</p>
            {(error is null ? "" : $"<p class=\"error\" id=\"login-error\">{PageLayout.Encode(error)}</p>")}
            <form method="post" action="{ConsoleAccess.LoginPath}">
            {PageLayout.AntiforgeryField(context)}
            <input type="hidden" name="returnUrl" value="{PageLayout.Encode(ConsoleAccess.SafeReturnPath(returnUrl))}">
            <label for="token">Admin token</label>
            <input type="password" id="token" name="token" autocomplete="current-password" required>
            <button type="submit">Sign in</button>
            </form>
            </section>
            """;
        return PageLayout.Page(context, "Sign in", ConsoleAccess.LoginPath, body, signOut: false, status);
    }

    public static async Task<IResult> SubmitAsync(HttpContext context, IAntiforgery antiforgery, AdminToken token)
    {
        if (!await WebForms.IsValidAsync(context, antiforgery)) return WebForms.Rejected(context);
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = ConsoleAccess.SafeReturnPath(form["returnUrl"]);
        if (!token.IsSet) return Results.Redirect(returnUrl);
        if (!token.Matches(form["token"]))
            return Show(context, returnUrl, "That token is not right.", StatusCodes.Status401Unauthorized);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            ConsoleAccess.Admin(CookieAuthenticationDefaults.AuthenticationScheme));
        return Results.Redirect(returnUrl);
    }

    public static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!await WebForms.IsValidAsync(context, antiforgery)) return WebForms.Rejected(context);
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.Redirect(ConsoleAccess.LoginPath);
    }
}
