using System.ComponentModel.DataAnnotations;
using System.Net;

namespace MassageForumBot.Web;

/// <summary>The "Web" section: where the moderators' console, /healthz, /metrics and the notes are served.</summary>
public sealed class WebOptions : IValidatableObject
{
    public const string Section = "Web";

    public static Uri DefaultListenUrl { get; } = new("http://127.0.0.1:5080/");

    /// <summary>An http URL to bind; port 0 picks a free port. Beyond loopback it needs <see cref="AdminToken"/>.</summary>
    public Uri ListenUrl { get; set; } = DefaultListenUrl;

    /// <summary>The moderators' sign-in token (environment Web__AdminToken). When set, every page but /healthz needs it.</summary>
    public string? AdminToken { get; set; }

    public bool HasAdminToken => !string.IsNullOrWhiteSpace(AdminToken);

    /// <summary>True when <see cref="ListenUrl"/> is reachable only from this machine.</summary>
    public bool BindsLoopbackOnly => IsLoopback(ListenUrl);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!ListenUrl.IsAbsoluteUri || ListenUrl.Scheme != Uri.UriSchemeHttp)
        {
            yield return new ValidationResult($"Web:ListenUrl must be an absolute http URL such as {DefaultListenUrl}, not '{ListenUrl}'.", [nameof(ListenUrl)]);
            yield break;
        }

        if (!BindsLoopbackOnly && !HasAdminToken)
        {
            yield return new ValidationResult(
                $"Web:AdminToken is required because Web:ListenUrl ({ListenUrl}) binds beyond loopback; set it in the environment as Web__AdminToken, or listen on 127.0.0.1.",
                [nameof(AdminToken)]);
        }
    }

    /// <summary>Loopback names and addresses only; wildcards (0.0.0.0, [::], *, +) and every other host count as beyond loopback.</summary>
    public static bool IsLoopback(Uri url)
    {
        if (!url.IsAbsoluteUri) return false;
        var host = url.Host.Trim('[', ']');
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
    }

    public override string ToString() => $"WebOptions {{ ListenUrl = {ListenUrl}, AdminToken = {(HasAdminToken ? "[set]" : "[none]")} }}";
}
