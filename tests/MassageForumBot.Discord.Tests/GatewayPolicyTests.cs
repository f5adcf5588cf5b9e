using MassageForumBot.Discord.Gateway;
using Microsoft.Extensions.Time.Testing;

namespace MassageForumBot.Discord.Tests;

public sealed class GatewayPolicyTests
{
    private static readonly GatewaySession Session = new("s", 5, new Uri("wss://gateway.test.example/r"));

    [Fact]
    public void Backoff_starts_at_one_second_doubles_per_failure_and_caps_at_sixty()
    {
        var delays = Enumerable.Range(0, 10).Select(f => GatewayReconnectPolicy.Backoff(f, jitter: 1.0).TotalSeconds);

        Assert.Equal([1, 1, 2, 4, 8, 16, 32, 60, 60, 60], delays);
    }

    [Theory]
    [InlineData(0.0, 500)]
    [InlineData(0.5, 750)]
    [InlineData(1.0, 1000)]
    [InlineData(double.NaN, 750)]
    [InlineData(7.0, 1000)]
    public void Jitter_scales_the_delay_between_half_and_all_of_it(double jitter, int expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), GatewayReconnectPolicy.Backoff(1, jitter));
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
    [InlineData(4007, GatewayReconnectAction.Identify)]
    [InlineData(4009, GatewayReconnectAction.Identify)]
    [InlineData(4004, GatewayReconnectAction.Stop)]
    [InlineData(4010, GatewayReconnectAction.Stop)]
    [InlineData(4011, GatewayReconnectAction.Stop)]
    [InlineData(4012, GatewayReconnectAction.Stop)]
    [InlineData(4013, GatewayReconnectAction.Stop)]
    [InlineData(4014, GatewayReconnectAction.Stop)]
    public void Close_codes_map_to_one_decision(int code, GatewayReconnectAction expected)
    {
        Assert.Equal(expected, GatewayReconnectPolicy.Decide(new(GatewayDisconnectKind.ServerClosed, code), Session, 0, 0.5).Action);
    }

    [Theory]
    [InlineData(GatewayDisconnectKind.Dropped, false, GatewayReconnectAction.Resume, 750)]
    [InlineData(GatewayDisconnectKind.Zombie, false, GatewayReconnectAction.Resume, 750)]
    [InlineData(GatewayDisconnectKind.ConnectFailed, false, GatewayReconnectAction.Resume, 750)]
    [InlineData(GatewayDisconnectKind.GatewayUrlFailed, false, GatewayReconnectAction.Resume, 750)]
    [InlineData(GatewayDisconnectKind.ReconnectRequested, false, GatewayReconnectAction.Resume, 0)]
    [InlineData(GatewayDisconnectKind.InvalidSession, true, GatewayReconnectAction.Resume, 750)]
    [InlineData(GatewayDisconnectKind.InvalidSession, false, GatewayReconnectAction.Identify, 3000)]
    [InlineData(GatewayDisconnectKind.Unauthorized, false, GatewayReconnectAction.Stop, 0)]
    public void Each_kind_of_ending_has_one_action_and_delay(GatewayDisconnectKind kind, bool resumable, GatewayReconnectAction action, int delayMs)
    {
        var decision = GatewayReconnectPolicy.Decide(new(kind, Resumable: resumable), Session, failures: 0, jitter: 0.5);

        Assert.Equal(new ReconnectDecision(action, TimeSpan.FromMilliseconds(delayMs)), decision);
    }

    [Fact]
    public void Without_a_session_a_resume_becomes_an_identify()
    {
        var decision = GatewayReconnectPolicy.Decide(new(GatewayDisconnectKind.Dropped), session: null, failures: 2, jitter: 0.5);

        Assert.Equal(new ReconnectDecision(GatewayReconnectAction.Identify, TimeSpan.FromSeconds(1.5)), decision);
    }

    [Fact]
    public void Repeated_failed_resumes_become_an_identify()
    {
        var what = new GatewayDisconnect(GatewayDisconnectKind.Dropped);

        Assert.Equal(GatewayReconnectAction.Resume, GatewayReconnectPolicy.Decide(what, Session, GatewayReconnectPolicy.MaxResumeAttempts - 1, 0.5).Action);
        Assert.Equal(GatewayReconnectAction.Identify, GatewayReconnectPolicy.Decide(what, Session, GatewayReconnectPolicy.MaxResumeAttempts, 0.5).Action);
    }

    [Fact]
    public void Op7_during_a_storm_backs_off_like_any_other_failure()
    {
        var decision = GatewayReconnectPolicy.Decide(new(GatewayDisconnectKind.ReconnectRequested), Session, failures: 4, jitter: 1.0);

        Assert.Equal(TimeSpan.FromSeconds(8), decision.Delay);
    }

    [Fact]
    public void Fatal_descriptions_tell_the_operator_what_to_fix()
    {
        Assert.Contains("Developer Portal", GatewayReconnectPolicy.DescribeFatal(new(GatewayDisconnectKind.ServerClosed, 4014)), StringComparison.Ordinal);
        Assert.Contains("ShardCount", GatewayReconnectPolicy.DescribeFatal(new(GatewayDisconnectKind.ServerClosed, 4011)), StringComparison.Ordinal);
        Assert.Contains("401", GatewayReconnectPolicy.DescribeFatal(new(GatewayDisconnectKind.Unauthorized)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wss://gateway.discord.gg/", true)]
    [InlineData("wss://gateway-us-east1-b.discord.gg", true)]
    [InlineData("wss://gateway.test.example:443/resume", true)]
    [InlineData("ws://gateway.discord.gg/", false)]
    [InlineData("wss://gateway.discord.gg:8443/", false)]
    [InlineData("wss://discord.gg.evil.example/", false)]
    [InlineData("wss://evildiscord.gg/", false)]
    [InlineData("wss://user:pw@gateway.discord.gg/", false)]
    [InlineData("wss://other.test.example/", false)]
    public void The_token_goes_only_to_the_trusted_gateway_host_or_discord_gg(string candidate, bool allowed)
    {
        Assert.Equal(allowed, GatewayUrlPolicy.MayReceiveToken(new Uri(candidate), new Uri("wss://gateway.test.example/")));
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

        Assert.False(limiter.TryAcquire(isHeartbeat: true, out _)); // all 120 slots taken

        var blocked = limiter.AcquireAsync(isHeartbeat: false, default).AsTask();
        Assert.False(blocked.IsCompleted);
        time.Advance(wait - TimeSpan.FromMilliseconds(1));
        Assert.False(blocked.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(10));
        await blocked.WaitAsync(Wait.Guard);
    }

    [Fact]
    public void Options_problems_name_each_setting_with_the_callers_prefix_and_allow_a_missing_token_when_asked()
    {
        var options = new DiscordClientOptions { ShardId = 3, ShardCount = 2, GatewayUrl = new Uri("/gateway", UriKind.Relative) };

        var hosted = options.Problems(keyPrefix: "Discord:", requireToken: false);
        var library = options.Problems();

        Assert.Equal(
            ["Discord:ShardId (3) must be less than Discord:ShardCount (2).", "Discord:GatewayUrl must be an absolute URL."],
            hosted);
        Assert.Contains(library, p => p.StartsWith("DiscordClientOptions.Token is empty", StringComparison.Ordinal));
        Assert.Empty(new DiscordClientOptions { Token = Secrets.Token }.Problems());
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
