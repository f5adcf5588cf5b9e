using MassageForumBot.Classification.Data;
using MassageForumBot.Classification.Inference;

namespace MassageForumBot.Cli;

/// <summary>Turns expected failures (bad data, bad model, bad arguments) into a clear message and exit code 1.</summary>
public static class CliErrors
{
    public static async Task<int> Guard(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is DatasetException or ModelLoadException or CliException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
    }
}

/// <summary>A verb cannot do what was asked; the message says why.</summary>
public sealed class CliException(string message) : Exception(message);
