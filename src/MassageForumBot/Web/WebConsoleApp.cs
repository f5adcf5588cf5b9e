using System.Globalization;
using System.Text;
using System.Text.Json;
using MassageForumBot.Web.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MassageForumBot.Web;

/// <summary>The console's services and routes.</summary>
public static class WebConsoleApp
{
    public static void AddServices(IServiceCollection services, WebOptions web)
    {
        // Sign-ins and anti-forgery tokens end with the process: nothing to store, nothing to leak from disk.
        var keys = new InMemoryKeys();
        services.AddDataProtection().SetApplicationName("MassageForumBot.Web");
        services.Configure<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>(o =>
        {
            o.XmlRepository = keys;
            o.XmlEncryptor = keys;
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "mfb_antiforgery";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__RequestVerificationToken";
        });
        services.AddConsoleAccess(web);
        services.AddSingleton<AdminAssistKeywords>();
        services.AddSingleton<DraftService>();
        services.AddSingleton<DraftPage>();
        services.AddSingleton<ReviewPage>();
        services.AddSingleton<DashboardPage>();
    }

    public static void Map(WebApplication app)
    {
        var web = app.Services.GetRequiredService<WebOptions>();
        var signOut = web.HasAdminToken;
        app.Use((context, next) =>
        {
            SecurityHeaders.Apply(context);
            return next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapGet("/healthz", async (HttpContext context, HealthReport health) =>
        {
            var status = await health.CheckAsync(context.RequestAborted);
            context.Response.Headers.CacheControl = "no-store";
            return Results.Json(status, statusCode: status.Status == HealthCheck.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous();

        app.MapPrometheusScrapingEndpoint("/metrics");

        app.MapGet(ConsoleAssets.StylePath, () => Asset(ConsoleAssets.Style, "text/css; charset=utf-8")).AllowAnonymous();
        app.MapGet(ConsoleAssets.ScriptPath, () => Asset(ConsoleAssets.Script, "text/javascript; charset=utf-8")).AllowAnonymous();

        // Browsers ask for it on every page; no icon, and no 404 in their consoles.
        app.MapGet("/favicon.ico", () => Results.NoContent()).AllowAnonymous();

        app.MapGet(ConsoleAccess.LoginPath, (HttpContext context, string? returnUrl) => LoginPage.Show(context, returnUrl)).AllowAnonymous();
        app.MapPost(ConsoleAccess.LoginPath, LoginPage.SubmitAsync).AllowAnonymous();
        app.MapPost("/logout", LoginPage.SignOutAsync).AllowAnonymous();

        app.MapGet("/", (HttpContext context, DashboardPage page) => page.ShowAsync(context, signOut));
        app.MapGet("/draft", (HttpContext context, DraftPage page) => page.Show(context, signOut));
        app.MapPost("/draft", (HttpContext context, IAntiforgery antiforgery, DraftPage page) => page.SubmitAsync(context, antiforgery, signOut));
        app.MapGet("/review", (HttpContext context, ReviewPage page, string? done) => page.ShowAsync(context, signOut, ReviewPage.DoneNotice(done)));
        app.MapPost("/review/{postId}/{action}", (HttpContext context, IAntiforgery antiforgery, ReviewPage page, ulong postId, string action) =>
            page.ActAsync(context, antiforgery, postId, action, signOut));

        app.MapGet("/notes", (HttpContext context, NotesPages notes) => notes.Index(context));
        app.MapGet("/notes/{id}", (HttpContext context, NotesPages notes, string id) => notes.Note(context, id));
    }

    private static IResult Asset(string content, string contentType) =>
        Results.Text(content, contentType, Encoding.UTF8);
}
