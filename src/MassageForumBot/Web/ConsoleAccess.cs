using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace MassageForumBot.Web;

/// <summary>
/// Who may use the console. Without Web:AdminToken (allowed only on loopback) nobody signs in. With it, every page
/// but /healthz needs the sign-in cookie (HttpOnly, SameSite=Strict, set by the login form) or
/// "Authorization: Bearer {token}". Browsers asking for a page are sent to /login; everything else gets 401.
/// </summary>
public static class ConsoleAccess
{
    public const string Scheme = "console";
    public const string BearerScheme = "bearer";
    public const string CookieName = "mfb_session";
    public const string LoginPath = "/login";

    public static void AddConsoleAccess(this IServiceCollection services, WebOptions options)
    {
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, null, o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.Count > 0 ? BearerScheme : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = LoginPath;
                o.LogoutPath = "/logout";
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = context =>
                {
                    if (WantsPage(context.Request))
                    {
                        context.Response.Redirect(context.RedirectUri);
                    }
                    else
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        context.Response.Headers.WWWAuthenticate = "Bearer";
                    }
                    return Task.CompletedTask;
                };
            })
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerScheme, null);
        services.AddSingleton(new AdminToken(options.AdminToken));
        services.AddAuthorizationBuilder().SetFallbackPolicy(options.HasAdminToken
            ? new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().Build()
            : null);
    }

    /// <summary>A browser navigating to a page (rather than a script, a scraper or a form post).</summary>
    private static bool WantsPage(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    /// <summary>An admin's identity, the same for the cookie and the bearer header.</summary>
    public static ClaimsPrincipal Admin(string authenticationType) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin")], authenticationType));

    /// <summary>True when this request proved itself with the bearer header: no browser sends it on its own, so forms need no anti-forgery token then.</summary>
    public static bool IsBearer(HttpContext context) => context.User.Identity?.AuthenticationType == BearerScheme;

    /// <summary>A local path to return to after signing in; anything else (another site, "//host") goes to the dashboard.</summary>
    public static string SafeReturnPath(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl[0] == '/' && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}

/// <summary>The configured admin token, compared in constant time.</summary>
public sealed class AdminToken(string? token)
{
    private readonly byte[]? _hash = string.IsNullOrWhiteSpace(token) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public bool IsSet => _hash is not null;

    public bool Matches(string? candidate) =>
        _hash is not null && candidate is not null
        && CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(candidate)));
}

/// <summary>"Authorization: Bearer {Web:AdminToken}".</summary>
public sealed class BearerTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AdminToken token)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Task.FromResult(AuthenticateResult.NoResult());
        return Task.FromResult(token.Matches(header["Bearer ".Length..].Trim())
            ? AuthenticateResult.Success(new AuthenticationTicket(ConsoleAccess.Admin(ConsoleAccess.BearerScheme), ConsoleAccess.BearerScheme))
            : AuthenticateResult.Fail("wrong bearer token"));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        return Task.CompletedTask;
    }
}
