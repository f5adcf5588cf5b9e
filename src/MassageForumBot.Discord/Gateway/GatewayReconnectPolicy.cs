namespace MassageForumBot.Discord.Gateway;

public enum GatewayConnectionState
{
    Disconnected,
    Connecting,
    Identifying,
    Resuming,
    Active,
    FatallyClosed,
}

/// <summary>Why a gateway connection ended.</summary>
public enum GatewayDisconnectKind
{
    /// <summary>The server sent a close frame (see <see cref="GatewayDisconnect.CloseCode"/>).</summary>
    ServerClosed,

    /// <summary>The socket ended without a close frame (TCP drop).</summary>
    Dropped,

    /// <summary>Opening the socket failed (DNS, refused, timeout).</summary>
    ConnectFailed,

    /// <summary>op 7 Reconnect.</summary>
    ReconnectRequested,

    /// <summary>op 9 Invalid Session (see <see cref="GatewayDisconnect.Resumable"/>).</summary>
    InvalidSession,

    /// <summary>No heartbeat ACK between two heartbeats.</summary>
    Zombie,
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
    /// <summary>Reconnect to resume_gateway_url and send op 6 (identify when there is no session).</summary>
    Resume,

    /// <summary>Forget the session; reconnect to the base URL and identify.</summary>
    NewSession,

    /// <summary>Stop: reconnecting cannot help until an operator fixes the configuration.</summary>
    Fatal,
}

/// <summary>Close codes the client itself sends. None of them is 1000/1001, so the session stays resumable.</summary>
public static class GatewayClientCloseCodes
{
    public const int ZombieConnection = 4900;
    public const int Reconnecting = 4901;
    public const int ShuttingDown = 4902;
}

/// <summary>The one place that maps how a connection ended to what happens next.</summary>
public static class GatewayReconnectPolicy
{
    public static GatewayReconnectAction Decide(GatewayDisconnect disconnect) => disconnect.Kind switch
    {
        GatewayDisconnectKind.InvalidSession => disconnect.Resumable ? GatewayReconnectAction.Resume : GatewayReconnectAction.NewSession,
        GatewayDisconnectKind.ServerClosed when disconnect.CloseCode is { } code => ForCloseCode(code),
        _ => GatewayReconnectAction.Resume,
    };

    public static GatewayReconnectAction ForCloseCode(int closeCode) => closeCode switch
    {
        4004 or 4010 or 4011 or 4012 or 4013 or 4014 => GatewayReconnectAction.Fatal,
        4007 or 4009 => GatewayReconnectAction.NewSession,
        _ => GatewayReconnectAction.Resume,
    };

    /// <summary>What an operator must do about a fatal close code.</summary>
    public static string DescribeFatal(int closeCode) => closeCode switch
    {
        4004 => "Discord gateway closed with 4004 Authentication failed: the bot token is invalid or was reset. Put the current bot token in the configuration.",
        4010 => "Discord gateway closed with 4010 Invalid shard: check ShardId and ShardCount.",
        4011 => "Discord gateway closed with 4011 Sharding required: the bot is in too many guilds for one shard; raise ShardCount.",
        4012 => "Discord gateway closed with 4012 Invalid API version: the client must use gateway v10.",
        4013 => "Discord gateway closed with 4013 Invalid intents: the Intents setting has bits Discord does not know.",
        4014 => "Discord gateway closed with 4014 Disallowed intents: a privileged intent (MESSAGE_CONTENT, GUILD_MEMBERS or GUILD_PRESENCES) is requested but not enabled. Enable it in the Discord Developer Portal (your application > Bot > Privileged Gateway Intents) or remove it from Intents.",
        _ => $"Discord gateway closed with {closeCode}.",
    };
}

/// <summary>The gateway stopped for good (4004, 4010-4014): fix the configuration, do not restart in a loop.</summary>
public sealed class GatewayFatalException : Exception
{
    public GatewayFatalException(int closeCode, string message, Exception? inner = null)
        : base(message, inner) => CloseCode = closeCode;

    public int CloseCode { get; }
}
