namespace MassageForumBot.Discord.Gateway;

/// <summary>
/// Where the bot token may be sent: the gateway URL from configuration or GET /gateway/bot, or a wss:// host under
/// discord.gg. READY's resume_gateway_url comes from the socket, so a tampered or misrouted one must not receive the
/// token in a Resume: anything else is refused and the client resumes on the host it already trusts.
/// </summary>
public static class GatewayUrlPolicy
{
    public const string DiscordGatewayDomain = "discord.gg";

    /// <summary>True when <paramref name="candidate"/> may receive the token, given the trusted base URL.</summary>
    public static bool MayReceiveToken(Uri candidate, Uri trustedBase)
    {
        if (!candidate.IsAbsoluteUri || !string.IsNullOrEmpty(candidate.UserInfo))
        {
            return false;
        }

        if (SameOrigin(candidate, trustedBase))
        {
            return true;
        }

        var host = candidate.IdnHost;
        return candidate.Scheme == "wss"
            && candidate.IsDefaultPort
            && (host.Equals(DiscordGatewayDomain, StringComparison.OrdinalIgnoreCase)
                || host.EndsWith("." + DiscordGatewayDomain, StringComparison.OrdinalIgnoreCase));
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        a.Scheme.Equals(b.Scheme, StringComparison.OrdinalIgnoreCase)
        && a.IdnHost.Equals(b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;
}
