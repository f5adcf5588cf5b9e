namespace MassageForumBot.Classification.Inference;

/// <summary>A model file is missing or unreadable; the message names the path and how to make one.</summary>
public sealed class ModelLoadException(string message, Exception? inner = null) : Exception(message, inner);
