namespace MassageForumBot.Classification.Data;

/// <summary>The data cannot be used; the message says what is wrong and where.</summary>
public sealed class DatasetException(string message) : Exception(message);
