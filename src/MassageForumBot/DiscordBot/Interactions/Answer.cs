using MassageForumBot.Discord.Models;

namespace MassageForumBot.DiscordBot.Interactions;

/// <summary>What the bot answers to an interaction; always ephemeral (only the person who asked sees it).</summary>
/// <param name="Components">Message components, e.g. the topic select after 'Wrong topic'; empty clears them.</param>
public sealed record Answer(string Content, IReadOnlyList<MessageComponent>? Components = null)
{
    /// <summary>Discord's content limit; longer answers are cut with an ellipsis.</summary>
    public const int MaxContent = DiscordLimits.ContentLength;

    public string FittedContent => DiscordLimits.Truncate(Content, MaxContent);
}

/// <summary>How an interaction is answered.</summary>
public enum AnswerStyle
{
    /// <summary>A new ephemeral message; answered at once when the work is quick, else deferred (type 5) then edited.</summary>
    NewMessage,

    /// <summary>Like <see cref="NewMessage"/> but always deferred first: for work that may take seconds.</summary>
    DeferredMessage,

    /// <summary>Replaces the (ephemeral) message the component was on: type 7, or type 6 then an edit when slow.</summary>
    UpdateMessage,
}
