using System.Net;

namespace MassageForumBot.Discord.Rest;

/// <summary>
/// A Discord REST call failed. <see cref="StatusCode"/> is 0 when no response arrived (timeout / network).
/// The message names the route template (never the token or an interaction token) and explains common JSON codes.
/// </summary>
public sealed class DiscordRestException : Exception
{
    public DiscordRestException(int statusCode, int? code, string message, string route, string? errors, Exception? inner = null)
        : base(message, inner)
    {
        StatusCode = (HttpStatusCode)statusCode;
        Code = code;
        Route = route;
        Errors = errors;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>Discord's JSON error code (e.g. 50013), when the body had one.</summary>
    public int? Code { get; }

    /// <summary>Method and path template, e.g. "POST /channels/{channel_id}/messages".</summary>
    public string Route { get; }

    /// <summary>The raw "errors" object of a 50035 Invalid Form Body answer.</summary>
    public string? Errors { get; }

    public bool IsUnknownInteraction => Code == DiscordErrorCodes.UnknownInteraction;

    public bool IsInteractionAlreadyAcknowledged => Code == DiscordErrorCodes.InteractionAlreadyAcknowledged;

    public bool IsMissingPermissions => Code == DiscordErrorCodes.MissingPermissions || Code == DiscordErrorCodes.MissingAccess;

    public static string Describe(int status, int? code) => code switch
    {
        DiscordErrorCodes.UnknownChannel => "Unknown Channel: the channel or thread was deleted or the bot cannot see it.",
        DiscordErrorCodes.UnknownMessage => "Unknown Message: the message was already deleted.",
        DiscordErrorCodes.UnknownInteraction => "Unknown Interaction: the 3-second window to answer passed (defer sooner) or the token expired.",
        DiscordErrorCodes.ChannelWriteLimit => "The channel's write rate limit was hit.",
        DiscordErrorCodes.InteractionAlreadyAcknowledged => "Interaction has already been acknowledged: edit the original response instead of answering again.",
        DiscordErrorCodes.MissingAccess => "Missing Access: the bot cannot see this channel (check the channel's permission overwrites).",
        DiscordErrorCodes.EmptyMessage => "Cannot send an empty message: give content, an embed or a component.",
        DiscordErrorCodes.MissingPermissions => "Missing Permissions: the bot's role lacks a permission needed here (e.g. SEND_MESSAGES, SEND_MESSAGES_IN_THREADS, MANAGE_MESSAGES, EMBED_LINKS).",
        DiscordErrorCodes.InvalidFormBody => "Invalid Form Body: a field broke a documented limit (see Errors).",
        DiscordErrorCodes.ArchivedThread => "The thread is archived.",
        DiscordErrorCodes.ReplyNeedsReadMessageHistory => "Replying needs READ_MESSAGE_HISTORY in this channel.",
        _ => status switch
        {
            401 => "Unauthorized: the bot token is invalid or was reset; put a new token in the configuration.",
            403 => "Forbidden: the bot lacks access or permission.",
            404 => "Not Found.",
            429 => "Rate limited and retries were exhausted.",
            >= 500 => "Discord server error; retries were exhausted.",
            _ => "",
        },
    };
}

/// <summary>Discord JSON error codes the bot cares about.</summary>
public static class DiscordErrorCodes
{
    public const int UnknownChannel = 10003;
    public const int UnknownMessage = 10008;
    public const int UnknownInteraction = 10062;
    public const int ChannelWriteLimit = 20028;
    public const int InteractionAlreadyAcknowledged = 40060;
    public const int MissingAccess = 50001;
    public const int EmptyMessage = 50006;
    public const int MissingPermissions = 50013;
    public const int InvalidFormBody = 50035;
    public const int ArchivedThread = 50083;
    public const int ReplyNeedsReadMessageHistory = 160002;
}
