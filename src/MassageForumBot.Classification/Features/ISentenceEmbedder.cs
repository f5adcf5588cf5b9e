namespace MassageForumBot.Classification.Features;

/// <summary>Turns a post into a fixed-size sentence vector. Implementations are safe to call from many threads.</summary>
public interface ISentenceEmbedder
{
    /// <summary>Names the encoder so a model records which one it was trained with.</summary>
    string Name { get; }

    int Dimensions { get; }

    float[] Embed(string text);
}
