namespace MassageForumBot.Tests.EndToEnd;

/// <summary>A test class whose every test gets a freshly started bot against its own fake Discord server.</summary>
public abstract class RunningBot : IAsyncLifetime
{
    protected BotHarness Bot { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Bot = await BotHarness.StartAsync();
        await Bot.StartBotAsync();
    }

    public async Task DisposeAsync() => await Bot.DisposeAsync();
}
