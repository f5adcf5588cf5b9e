using MassageForumBot.Classification.Inference;

namespace MassageForumBot.Worker;

/// <summary>Tells a guild's moderators about a post the bot will not answer but a person should look at.</summary>
public interface IModeratorNotifier
{
    Task RedFlagAsync(IncomingPost post, Prediction prediction, string phrase, CancellationToken cancel);
}
