namespace MassageForumBot.Tests.Moderation;

/// <summary>Post texts with a known fate under the shipped model.</summary>
internal static class Posts
{
    /// <summary>Answered (glutes-routine, well above the threshold).</summary>
    public const string Glutes = "A new client told me nobody had ever massaged her glutes before. Doesn't everyone include the glutes in a full body??";

    /// <summary>Answered (glutes-draping).</summary>
    public const string Draping = "do you guys keep undies on or off for glute work? new client asked and i froze lol";

    /// <summary>Not a recurring topic.</summary>
    public const string OffTopic = "what do you all charge for a 90 minute session these days?";

    /// <summary>About glutes, but with a clinical red flag: never auto-answered.</summary>
    public const string RedFlag = "Client says her calf is swollen and hot since last week, should I massage over it when I do her glutes?";
}
