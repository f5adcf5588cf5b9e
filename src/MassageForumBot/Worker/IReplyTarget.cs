using MassageForumBot.Classification.Inference;
using MassageForumBot.Replies;

namespace MassageForumBot.Worker;

/// <summary>Where a composed reply goes: the Discord channel, the moderators' log (shadow mode), or the console.</summary>
public interface IReplyTarget
{
    /// <summary>True when replies are public (live); false for shadow drafts.</summary>
    bool IsLive { get; }

    /// <summary>Sends the reply and returns the id of the message it made, if any. The nonce is the same on a retried send.</summary>
    Task<ulong?> SendAsync(IncomingPost post, ComposedReply reply, Prediction prediction, string nonce, CancellationToken cancel);
}
