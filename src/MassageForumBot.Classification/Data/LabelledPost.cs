namespace MassageForumBot.Classification.Data;

/// <summary>One labelled post of the training data. <see cref="Group"/> ties together variations of one situation,
/// so evaluation can hold out whole situations instead of near-copies of training rows.</summary>
public sealed record LabelledPost(string Id, string Text, string Label, string Source, string Group)
{
    /// <summary>Where the row came from, for error messages: "file.jsonl:12".</summary>
    public string Location { get; init; } = "";

    /// <summary>Who is speaking and in what kind of text: question, comment, blog or client (see <see cref="Registers"/>); null when the row does not say.</summary>
    public string? Register { get; init; }

    /// <summary>A real post rewritten from a public web page: its source is the page URL.</summary>
    public bool IsReal => PostOrigin.IsWebSource(Source);

    /// <summary>Written by the project's writers: the source starts with "synthetic:".</summary>
    public bool IsSynthetic => Source.StartsWith(PostOrigin.SyntheticPrefix, StringComparison.Ordinal);

    /// <summary>What evaluation holds out together: the web domain for real posts (a model is judged on sites it never saw),
    /// the group for everything else.</summary>
    public string FoldKey => IsReal ? "site:" + PostOrigin.Site(Source) : Group;
}
