namespace MassageForumBot.Storage.Tests.Contract;

/// <summary>The members behind the web console's review page and dashboard.</summary>
public abstract partial class BotStoreContractTests
{
    private static PostDecision Answer(ulong id, ulong guild, PostOutcome outcome, DateTimeOffset at, string? excerpt = null) =>
        new(id, guild, 20, 30, "glutes-routine", 0.9, "{}", outcome, "r", at) { Excerpt = excerpt };

    [SkippableFact]
    public async Task Recent_answers_are_replies_and_drafts_of_every_guild_newest_first_since_the_cutoff()
    {
        await _store.RecordDecisionAsync(Answer(1, 0, PostOutcome.Replied, T0.AddHours(-1), "console post"));
        await _store.RecordDecisionAsync(Answer(2, 10, PostOutcome.ShadowDraft, T0.AddHours(-2)));
        await _store.RecordDecisionAsync(Answer(3, 11, PostOutcome.Replied, T0.AddHours(-3)));
        await _store.RecordDecisionAsync(Answer(4, 10, PostOutcome.BelowThreshold, T0));
        await _store.RecordDecisionAsync(Answer(5, 10, PostOutcome.Replied, T0.AddDays(-40)));

        var answers = await _store.RecentAnswersAsync(T0.AddDays(-30), 10);
        var limited = await _store.RecentAnswersAsync(T0.AddDays(-30), 2);

        Assert.Equal([1UL, 2UL, 3UL], answers.Select(a => a.MessageId));
        Assert.Equal("console post", answers[0].Excerpt);
        Assert.Null(answers[1].Excerpt);
        Assert.Equal([1UL, 2UL], limited.Select(a => a.MessageId));
    }

    [SkippableFact]
    public async Task Known_guilds_come_from_decisions_and_settings_once_each_ascending()
    {
        await _store.RecordDecisionAsync(Answer(1, 30, PostOutcome.Replied, T0));
        await _store.RecordDecisionAsync(Answer(2, 10, PostOutcome.BelowThreshold, T0));
        await _store.RecordDecisionAsync(Answer(3, 30, PostOutcome.Replied, T0));
        await _store.SaveGuildSettingsAsync(GuildSettings.Empty(20, T0) with { Mode = "live" });

        Assert.Equal([10UL, 20UL, 30UL], await _store.KnownGuildsAsync());
    }

    [SkippableFact]
    public async Task Excerpts_go_with_old_decisions_at_retention_and_with_a_deleted_post()
    {
        await _store.RecordDecisionAsync(Answer(1, 10, PostOutcome.Replied, T0.AddDays(-100), "old words"));
        await _store.RecordDecisionAsync(Answer(2, 10, PostOutcome.Replied, T0, "new words"));
        await _store.RecordDecisionAsync(Answer(3, 10, PostOutcome.Replied, T0, "deleted words"));

        var purged = await _store.ApplyRetentionAsync(T0.AddDays(-90), T0.AddDays(-14));
        await _store.ForgetMessagesAsync(10, 20, [3], T0);

        Assert.Equal(1, purged.Decisions);
        Assert.Null(await _store.GetDecisionAsync(1));
        Assert.Equal("new words", (await _store.GetDecisionAsync(2))!.Excerpt);
        Assert.Null(await _store.GetDecisionAsync(3));
    }
}
