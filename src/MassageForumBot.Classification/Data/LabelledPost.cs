namespace MassageForumBot.Classification.Data;

/// <summary>One labelled post of the training data. <see cref="Group"/> ties together variations of one situation,
/// so evaluation can hold out whole situations instead of near-copies of training rows.</summary>
public sealed record LabelledPost(string Id, string Text, string Label, string Source, string Group)
{
    /// <summary>Where the row came from, for error messages: "file.jsonl:12".</summary>
    public string Location { get; init; } = "";
}
