using MassageForumBot.Discord.Models;

namespace MassageForumBot.Discord.Testing;

/// <summary>Makes snowflakes the way Discord does, for fakes that hand out ids.</summary>
public static class FakeSnowflake
{
    public static ulong FromTimestamp(DateTimeOffset time, ulong increment = 0) =>
        ((ulong)(time.ToUnixTimeMilliseconds() - Snowflake.DiscordEpochMilliseconds) << 22) | (increment & 0xFFF);
}
