using MassageForumBot.Classification.Data;

namespace MassageForumBot.Classification.Evaluation;

/// <summary>A labelled post with what a model said about it.</summary>
public sealed record ScoredPost(LabelledPost Post, string Topic, double Confidence);
