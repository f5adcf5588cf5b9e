namespace MassageForumBot.Web.Tests;

/// <summary>One console-channel app on loopback without a token, shared by a test class.</summary>
public sealed class OpenAppFixture : IAsyncLifetime
{
    public WebApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await WebApp.StartAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>One app with Web:AdminToken set, shared by a test class.</summary>
public sealed class GuardedAppFixture : IAsyncLifetime
{
    public const string Token = "test-admin-token-7f3a9c";

    public WebApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await WebApp.StartAsync(Token);

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>Posts the tests type on the console channel or paste on /draft.</summary>
public static class Posts
{
    public const string Draping = "How do you drape the glutes for a client who is nervous about being exposed? Sheet, towel, underwear on?";
    public const string Routine = "client says no therapist has ever touched her glutes in a full body, is that normal or do most of you skip them?";
    public const string Pricing = "what's everyone charging for 60 minutes in 2026?";
}
