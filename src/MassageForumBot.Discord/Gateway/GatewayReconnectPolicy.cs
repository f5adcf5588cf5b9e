namespace MassageForumBot.Discord.Gateway;

/// <summary>What ended a connection attempt (the input of <see cref="GatewayReconnectPolicy.Decide"/>).</summary>
public enum GatewayDisconnectKind
{
    /// <summary>The server sent a close frame (see <see cref="GatewayDisconnect.CloseCode"/>).</summary>
    ServerClosed,

    /// <summary>The socket ended without a close frame, or anything inside the connection failed (bad frame, send error).</summary>
    Dropped,

    /// <summary>Opening the socket failed (DNS, refused, timeout).</summary>
    ConnectFailed,

    /// <summary>op 7 Reconnect.</summary>
    ReconnectRequested,

    /// <summary>op 9 Invalid Session (see <see cref="GatewayDisconnect.Resumable"/>).</summary>
    InvalidSession,

    /// <summary>No heartbeat ACK between two heartbeats.</summary>
    Zombie,

    /// <summary>GET /gateway/bot failed (5xx, 429, network).</summary>
    GatewayUrlFailed,

    /// <summary>REST answered 401: the token is wrong. Not a close code: Discord never sent one.</summary>
    Unauthorized,
}

public readonly record struct GatewayDisconnect(GatewayDisconnectKind Kind, int? CloseCode = null, bool Resumable = false)
{
    public override string ToString() => Kind switch
    {
        GatewayDisconnectKind.ServerClosed => $"server closed with {CloseCode}",
        GatewayDisconnectKind.InvalidSession => $"invalid session (resumable: {Resumable})",
        _ => Kind.ToString(),
    };
}

public enum GatewayReconnectAction
{
    /// <summary>Reconnect to the session's resume URL and send op 6.</summary>
    Resume,

    /// <summary>Forget the session; reconnect to the base URL and identify.</summary>
    Identify,

    /// <summary>Stop: reconnecting cannot help until an operator fixes the configuration.</summary>
    Stop,
}

/// <summary>The answer of <see cref="GatewayReconnectPolicy.Decide"/>: what to do next, after how long.</summary>
public readonly record struct ReconnectDecision(GatewayReconnectAction Action, TimeSpan Delay);

/// <summary>Close codes the client itself sends. None of them is 1000/1001, so the session stays resumable.</summary>
public static class GatewayClientCloseCodes
{
    public const int ZombieConnection = 4900;
    public const int Reconnecting = 4901;
    public const int ShuttingDown = 4902;
}

/// <summary>Every reconnect rule in one pure function, so the rules can be read and tested in one place.</summary>
public static class GatewayReconnectPolicy
{
    /// <summary>Consecutive failed resumes after which the client identifies anew.</summary>
    public const int MaxResumeAttempts = 3;

    public static readonly TimeSpan InitialBackoff = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Decides what follows <paramref name="what"/>. <paramref name="failures"/> counts the attempts in a row that
    /// ended before READY/RESUMED, this one included (0 when this connection had been active);
    /// <paramref name="jitter"/> is a random number in [0, 1].
    /// </summary>
    public static ReconnectDecision Decide(GatewayDisconnect what, GatewaySession? session, int failures, double jitter)
    {
        var action = ActionFor(what);
        if (action == GatewayReconnectAction.Stop)
        {
            return new ReconnectDecision(action, TimeSpan.Zero);
        }

        // Nothing to resume, or resumes keep failing once connected (not while the network is down: a session
        // outlives a short outage, and resuming it replays what was missed).
        var resumeFailed = failures >= MaxResumeAttempts
            && what.Kind is not (GatewayDisconnectKind.ConnectFailed or GatewayDisconnectKind.GatewayUrlFailed);
        if (action == GatewayReconnectAction.Resume && (session is null || resumeFailed))
        {
            action = GatewayReconnectAction.Identify;
        }

        var delay = what.Kind switch
        {
            // Discord asked for it: go at once, unless this is a storm.
            GatewayDisconnectKind.ReconnectRequested when failures == 0 => TimeSpan.Zero,

            // Older docs: wait 1-5 s before identifying after an invalid session.
            GatewayDisconnectKind.InvalidSession when !what.Resumable => Max(TimeSpan.FromSeconds(1 + (4 * Clamp(jitter))), Backoff(failures, jitter)),
            _ => Backoff(failures, jitter),
        };
        return new ReconnectDecision(action, delay);
    }

    /// <summary>
    /// 1 s after a working connection or the first failure, doubling with each further failure up to 60 s, times
    /// 0.5-1.0 so many clients do not reconnect in step.
    /// </summary>
    public static TimeSpan Backoff(int failures, double jitter)
    {
        var raw = InitialBackoff * Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        if (raw > MaxBackoff)
        {
            raw = MaxBackoff;
        }

        return raw * (0.5 + (0.5 * Clamp(jitter)));
    }

    private static bool IsFatalCloseCode(int closeCode) => closeCode is 4004 or (>= 4010 and <= 4014);

    /// <summary>What an operator must do about a fatal close code or a rejected token.</summary>
    public static string DescribeFatal(GatewayDisconnect what) => what.Kind == GatewayDisconnectKind.Unauthorized
        ? "Discord REST answered 401 Unauthorized: the bot token is invalid or was reset. Put the current bot token in the configuration."
        : what.CloseCode switch
        {
            4004 => "Discord gateway closed with 4004 Authentication failed: the bot token is invalid or was reset. Put the current bot token in the configuration.",
            4010 => "Discord gateway closed with 4010 Invalid shard: check ShardId and ShardCount.",
            4011 => "Discord gateway closed with 4011 Sharding required: the bot is in too many guilds for one shard; raise ShardCount.",
            4012 => "Discord gateway closed with 4012 Invalid API version: the client must use gateway v10.",
            4013 => "Discord gateway closed with 4013 Invalid intents: the Intents setting has bits Discord does not know.",
            4014 => "Discord gateway closed with 4014 Disallowed intents: a privileged intent (MESSAGE_CONTENT, GUILD_MEMBERS or GUILD_PRESENCES) is requested but not enabled. Enable it in the Discord Developer Portal (your application > Bot > Privileged Gateway Intents) or remove it from Intents.",
            var code => $"Discord gateway closed with {code}.",
        };

    private static GatewayReconnectAction ActionFor(GatewayDisconnect what) => what.Kind switch
    {
        GatewayDisconnectKind.Unauthorized => GatewayReconnectAction.Stop,
        GatewayDisconnectKind.InvalidSession => what.Resumable ? GatewayReconnectAction.Resume : GatewayReconnectAction.Identify,
        GatewayDisconnectKind.ServerClosed when what.CloseCode is { } code => code switch
        {
            _ when IsFatalCloseCode(code) => GatewayReconnectAction.Stop,

            // Invalid sequence, session timed out.
            4007 or 4009 => GatewayReconnectAction.Identify,
            _ => GatewayReconnectAction.Resume,
        },
        _ => GatewayReconnectAction.Resume,
    };

    private static double Clamp(double jitter) => double.IsNaN(jitter) ? 0.5 : Math.Clamp(jitter, 0, 1);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

/// <summary>The gateway stopped for good (4004, 4010-4014, REST 401): fix the configuration, do not restart in a loop.</summary>
public sealed class GatewayFatalException : Exception
{
    public GatewayFatalException(GatewayDisconnect reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    public GatewayDisconnect Reason { get; }

    /// <summary>The close code Discord sent; null when the token was rejected over REST (401).</summary>
    public int? CloseCode => Reason.CloseCode;
}

public enum GatewayConnectionState
{
    Disconnected,
    Connecting,
    Identifying,
    Resuming,
    Active,
    FatallyClosed,
}
