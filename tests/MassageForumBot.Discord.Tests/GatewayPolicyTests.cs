using MassageForumBot.Discord.Gateway;
using Microsoft.Extensions.Time.Testing;

namespace MassageForumBot.Discord.Tests;

public sealed class GatewayPolicyTests
{
    [Fact]
    public void Backoff_doubles_from_one_second_up_to_sixty_and_resets()
    {
        var backoff = new ReconnectBackoff(() => 1.0);

        var delays = Enumerable.Range(0, 9).Select(_ => backoff.Next().TotalSeconds).ToArray();

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], delays);
        backoff.Reset();
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Next());
    }

    [Fact]
    public void Backoff_jitter_scales_between_half_and_full_delay()
    {
        var low = new ReconnectBackoff(() => 0.0);
        var mid = new ReconnectBackoff(() => 0.5);

        Assert.Equal(TimeSpan.FromMilliseconds(500), low.Next());
        Assert.Equal(TimeSpan.FromSeconds(1), low.Next());
        Assert.Equal(TimeSpan.FromMilliseconds(750), mid.Next());
        for (var i = 0; i < 20; i++)
        {
            low.Next();
        }

        Assert.Equal(TimeSpan.FromSeconds(30), low.Next()); // capped raw 60 s * 0.5
    }

    [Theory]
    [InlineData(4000, GatewayReconnectAction.Resume)]
    [InlineData(4001, GatewayReconnectAction.Resume)]
    [InlineData(4002, GatewayReconnectAction.Resume)]
    [InlineData(4003, GatewayReconnectAction.Resume)]
    [InlineData(4005, GatewayReconnectAction.Resume)]
    [InlineData(4008, GatewayReconnectAction.Resume)]
    [InlineData(1000, GatewayReconnectAction.Resume)]
    [InlineData(1006, GatewayReconnectAction.Resume)]
    [InlineData(4007, GatewayReconnectAction.NewSession)]
    [InlineData(4009, GatewayReconnectAction.NewSession)]
    [InlineData(4004, GatewayReconnectAction.Fatal)]
    [InlineData(4010, GatewayReconnectAction.Fatal)]
    [InlineData(4011, GatewayReconnectAction.Fatal)]
    [InlineData(4012, GatewayReconnectAction.Fatal)]
    [InlineData(4013, GatewayReconnectAction.Fatal)]
    [InlineData(4014, GatewayReconnectAction.Fatal)]
    public void Close_codes_map_to_one_decision(int code, GatewayReconnectAction expected)
    {
        Assert.Equal(expected, GatewayReconnectPolicy.Decide(new GatewayDisconnect(GatewayDisconnectKind.ServerClosed, code)));
    }

    [Fact]
    public void Other_disconnects_map_to_resume_or_new_session()
    {
        Assert.Equal(GatewayReconnectAction.Resume, GatewayReconnectPolicy.Decide(new(GatewayDisconnectKind.InvalidSession, Resumable: true)));
        Assert.Equal(GatewayReconnectAction.NewSession, GatewayReconnectPolicy.Decide(new(GatewayDisconnectKind.InvalidSession, Resumable: false)));
        Assert.Equal(GatewayReconnectAction.Resume, GatewayReconnectPolicy.Decide(new(GatewayDisconnectKind.Dropped)));
        Assert.Equal(GatewayReconnectAction.Resume, GatewayReconnectPolicy.Decide(new(GatewayDisconnectKind.Zombie)));
        Assert.Equal(GatewayReconnectAction.Resume, GatewayReconnectPolicy.Decide(new(GatewayDisconnectKind.ReconnectRequested)));
        Assert.Equal(GatewayReconnectAction.Resume, GatewayReconnectPolicy.Decide(new(GatewayDisconnectKind.ConnectFailed)));
    }

    [Fact]
    public void Client_close_codes_keep_the_session_resumable()
    {
        int[] codes = [GatewayClientCloseCodes.ZombieConnection, GatewayClientCloseCodes.Reconnecting, GatewayClientCloseCodes.ShuttingDown];
        Assert.All(codes, c => Assert.InRange(c, 4000, 4999));
    }

    [Fact]
    public async Task Send_limiter_keeps_headroom_for_heartbeats_and_frees_slots_after_the_window()
    {
        var time = new FakeTimeProvider();
        var limiter = new GatewaySendLimiter(time, limit: 120, window: TimeSpan.FromSeconds(60), reservedForHeartbeats: 5);

        for (var i = 0; i < 115; i++)
        {
            Assert.True(limiter.TryAcquire(isHeartbeat: false, out _));
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.False(limiter.TryAcquire(isHeartbeat: false, out var wait));
        Assert.Equal(TimeSpan.FromSeconds(60) - TimeSpan.FromMilliseconds(11500), wait); // the first send expires then
        for (var i = 0; i < 5; i++)
        {
            Assert.True(limiter.TryAcquire(isHeartbeat: true, out _));
        }

        Assert.False(limiter.TryAcquire(isHeartbeat: true, out _));
        Assert.Equal(120, limiter.Count);

        var blocked = limiter.AcquireAsync(isHeartbeat: false, default).AsTask();
        Assert.False(blocked.IsCompleted);
        time.Advance(wait - TimeSpan.FromMilliseconds(1));
        Assert.False(blocked.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(10));
        await blocked.WaitAsync(Wait.Guard);
    }

    [Fact]
    public void Options_validation_explains_bad_settings_without_the_token()
    {
        var missing = new DiscordClientOptions();
        var prefixed = new DiscordClientOptions { Token = "Bot " + Secrets.Token };

        var noToken = Assert.Throws<InvalidOperationException>(missing.Validate);
        var withPrefix = Assert.Throws<InvalidOperationException>(prefixed.Validate);

        Assert.Contains("Token", noToken.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secrets.Token, withPrefix.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secrets.Token, prefixed.ToString(), StringComparison.Ordinal);
        Assert.Equal(
            GatewayIntents.Guilds | GatewayIntents.GuildMessages | GatewayIntents.GuildMessageReactions | GatewayIntents.MessageContent,
            new DiscordClientOptions().Intents);
    }
}
