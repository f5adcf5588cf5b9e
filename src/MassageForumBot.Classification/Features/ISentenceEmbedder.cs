namespace MassageForumBot.Classification.Features;

/// <summary>Turns a post into a fixed-size sentence vector. Implementations are safe to call from many threads.</summary>
public interface ISentenceEmbedder
{
    /// <summary>Names the encoder so a model records which one it was trained with.</summary>
    string Name { get; }

    int Dimensions { get; }

    float[] Embed(string text);

    /// <summary>Several texts at once (an encoder may batch them); the same vectors as one <see cref="Embed"/> call each.</summary>
    IReadOnlyList<float[]> EmbedMany(IReadOnlyList<string> texts) => texts.Select(Embed).ToList();
}
