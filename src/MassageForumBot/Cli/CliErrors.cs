using MassageForumBot.Classification.Data;
using MassageForumBot.Classification.Inference;

namespace MassageForumBot.Cli;

/// <summary>Turns expected failures (bad data, bad model, bad arguments) into a clear message and exit code 1.</summary>
public static class CliErrors
{
    /// <param name="error">Where the message goes (the invocation's error writer); the console's by default.</param>
    public static async Task<int> Guard(Func<Task<int>> action, TextWriter? error = null)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is DatasetException or ModelLoadException or CliException)
        {
            await (error ?? Console.Error).WriteLineAsync($"error: {e.Message}");
            return 1;
        }
    }
}

/// <summary>A verb cannot do what was asked; the message says why.</summary>
public sealed class CliException(string message) : Exception(message);
