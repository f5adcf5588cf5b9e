namespace MassageForumBot.Storage.Tests.Contract;

/// <summary>Guild settings, feedback, opt-outs and the text retention purge.</summary>
public abstract partial class BotStoreContractTests
{
    private static Feedback F(ulong post, ulong user, ulong guild = 10, string kind = FeedbackKinds.Helpful, string? corrected = null,
        string? text = "the post text", bool byModerator = false, DateTimeOffset? at = null) =>
        new(post, user, guild, kind, "glutes-routine", corrected, text, byModerator, at ?? T0);

    [SkippableFact]
    public async Task Guild_settings_round_trip_including_empty_fields_and_are_replaced_on_save()
    {
        Assert.Null(await _store.GetGuildSettingsAsync(10));

        await _store.SaveGuildSettingsAsync(new GuildSettings(10, "shadow", [111, 9_000_000_000_000_000_000], 0.8, T0));
        await _store.SaveGuildSettingsAsync(GuildSettings.Empty(11, T0));
        var full = await _store.GetGuildSettingsAsync(10);
        var empty = await _store.GetGuildSettingsAsync(11);

        Assert.Equal("shadow", full!.Mode);
        Assert.Equal([111UL, 9_000_000_000_000_000_000UL], full.WatchedChannels!);
        Assert.Equal(0.8, full.Threshold);
        Assert.Equal(T0, full.UpdatedAt);
        Assert.Equal(GuildSettings.Empty(11, T0), empty);

        await _store.SaveGuildSettingsAsync(new GuildSettings(10, null, [], null, T0.AddHours(1)));
        var replaced = await _store.GetGuildSettingsAsync(10);
        Assert.Null(replaced!.Mode);
        Assert.Empty(replaced.WatchedChannels!);
        Assert.Null(replaced.Threshold);
        Assert.Equal(T0.AddHours(1), replaced.UpdatedAt);
    }

    [SkippableFact]
    public async Task Each_guild_keeps_its_own_log_channel_and_a_save_without_one_clears_it()
    {
        await _store.SaveGuildSettingsAsync(GuildSettings.Empty(10, T0) with { LogChannelId = 9_000_000_000_000_000_001 });
        await _store.SaveGuildSettingsAsync(new GuildSettings(11, "live", null, null, T0) { LogChannelId = 222 });
        await _store.SaveGuildSettingsAsync(GuildSettings.Empty(12, T0));

        Assert.Equal(9_000_000_000_000_000_001UL, (await _store.GetGuildSettingsAsync(10))!.LogChannelId);
        Assert.Equal(222UL, (await _store.GetGuildSettingsAsync(11))!.LogChannelId);
        Assert.Null((await _store.GetGuildSettingsAsync(12))!.LogChannelId);

        var changed = (await _store.GetGuildSettingsAsync(10))! with { Mode = "shadow", UpdatedAt = T0.AddHours(1) };
        await _store.SaveGuildSettingsAsync(changed);
        Assert.Equal((9_000_000_000_000_000_001UL, "shadow"), ((await _store.GetGuildSettingsAsync(10))!.LogChannelId, (await _store.GetGuildSettingsAsync(10))!.Mode));
        await _store.SaveGuildSettingsAsync(changed with { LogChannelId = null });
        Assert.Null((await _store.GetGuildSettingsAsync(10))!.LogChannelId);
        Assert.Equal(222UL, (await _store.GetGuildSettingsAsync(11))!.LogChannelId);
    }

    [SkippableFact]
    public async Task A_members_feedback_on_a_post_counts_once_and_the_latest_click_wins()
    {
        await _store.RecordFeedbackAsync(F(1, 100, kind: FeedbackKinds.Helpful));
        await _store.RecordFeedbackAsync(F(1, 100, kind: FeedbackKinds.WrongTopic, corrected: "other", at: T0.AddMinutes(1)));
        await _store.RecordFeedbackAsync(F(1, 101, kind: FeedbackKinds.NotHelpful));

        var all = await _store.FeedbackAsync(null, DateTimeOffset.MinValue);

        Assert.Equal(2, all.Count);
        Assert.Equal(F(1, 101, kind: FeedbackKinds.NotHelpful), all[0]);
        Assert.Equal(F(1, 100, kind: FeedbackKinds.WrongTopic, corrected: "other", at: T0.AddMinutes(1)), all[1]);
    }

    [SkippableFact]
    public async Task Feedback_is_filtered_by_guild_and_time_and_ordered_by_time()
    {
        await _store.RecordFeedbackAsync(F(3, 1, at: T0.AddMinutes(3)));
        await _store.RecordFeedbackAsync(F(1, 1, at: T0.AddMinutes(1)));
        await _store.RecordFeedbackAsync(F(2, 1, guild: 11, at: T0.AddMinutes(2)));
        await _store.RecordFeedbackAsync(F(0, 1, at: T0.AddMinutes(-1)));

        Assert.Equal([0UL, 1UL, 2UL, 3UL], (await _store.FeedbackAsync(null, DateTimeOffset.MinValue)).Select(f => f.PostId));
        Assert.Equal([1UL, 3UL], (await _store.FeedbackAsync(10, T0)).Select(f => f.PostId));
        Assert.Equal([2UL], (await _store.FeedbackAsync(11, T0)).Select(f => f.PostId));
        Assert.Equal([3UL], (await _store.FeedbackAsync(null, T0.AddMinutes(3))).Select(f => f.PostId));
    }

    [SkippableFact]
    public async Task Moderator_feedback_holds_only_moderators_rows_of_every_guild_since_the_given_time()
    {
        await _store.RecordFeedbackAsync(F(1, 100, kind: FeedbackKinds.Helpful));                                        // member vote
        await _store.RecordFeedbackAsync(F(1, 101, kind: FeedbackKinds.NotHelpful, at: T0.AddMinutes(1)));                // member vote
        await _store.RecordFeedbackAsync(F(1, 9, kind: FeedbackKinds.WrongTopic, corrected: "other", byModerator: true, at: T0.AddMinutes(2)));
        await _store.RecordFeedbackAsync(F(2, 9, guild: 11, kind: FeedbackKinds.Helpful, byModerator: true, at: T0.AddMinutes(3)));
        await _store.RecordFeedbackAsync(F(3, 9, kind: FeedbackKinds.Helpful, byModerator: true, at: T0.AddMinutes(-1)));

        var moderators = await _store.ModeratorFeedbackAsync(T0);

        Assert.Equal([(1UL, 9UL), (2UL, 9UL)], moderators.Select(f => (f.PostId, f.UserId)));
        Assert.All(moderators, f => Assert.True(f.ByModerator));
        Assert.Equal("other", moderators[0].CorrectedLabel);
        Assert.Equal(3, (await _store.FeedbackAsync(10, T0)).Count); // the members' votes are still there for `review` and `status`
    }

    [SkippableFact]
    public async Task Opting_out_and_back_in()
    {
        Assert.False(await _store.IsOptedOutAsync(7));

        await _store.SetOptedOutAsync(7, true, T0);
        await _store.SetOptedOutAsync(7, true, T0.AddMinutes(1));
        Assert.True(await _store.IsOptedOutAsync(7));
        Assert.False(await _store.IsOptedOutAsync(8));

        await _store.SetOptedOutAsync(7, false, T0.AddMinutes(2));
        Assert.False(await _store.IsOptedOutAsync(7));
    }

    [SkippableFact]
    public async Task Retention_drops_old_threads_and_members_feedback_but_keeps_moderator_labels_without_authors()
    {
        await _store.RememberAsync(new RememberedThread(1, 10, 20, null, "glutes-routine", "old", T0.AddDays(-40), [1f]));
        await _store.RememberAsync(new RememberedThread(2, 10, 20, null, "glutes-routine", "new", T0.AddDays(-1), [1f]));
        await _store.RecordDecisionAsync(Decision(11, at: T0.AddDays(-40)));                                               // the labelled post's author
        await _store.RecordFeedbackAsync(F(10, 1, at: T0.AddDays(-40)));                                                   // counted, then deleted
        await _store.RecordFeedbackAsync(F(11, 1, corrected: "other", byModerator: true, at: T0.AddDays(-40)));            // kept: moderator label
        await _store.RecordFeedbackAsync(F(12, 1, corrected: "other", byModerator: false, at: T0.AddDays(-40)));           // deleted: not a moderator
        await _store.RecordFeedbackAsync(F(13, 1, byModerator: true, at: T0.AddDays(-40)));                                // kept: a moderator's Helpful
        await _store.RecordFeedbackAsync(F(16, 1, kind: FeedbackKinds.Removed, byModerator: true, at: T0.AddDays(-40)));    // deleted: no label
        await _store.RecordFeedbackAsync(F(14, 1, at: T0.AddDays(-1)));                                                    // kept: recent
        await _store.RecordFeedbackAsync(F(15, 1, text: null, at: T0.AddDays(-40)));                                       // deleted

        var purged = await _store.ApplyRetentionAsync(T0.AddDays(-30), T0.AddDays(-14));

        Assert.Equal(new RetentionResult(1, 1, 4, 0), purged);
        Assert.Equal([2UL], (await _store.ThreadsAsync(10, "glutes-routine", 10)).Select(t => t.MessageId));
        var texts = (await _store.FeedbackAsync(null, DateTimeOffset.MinValue)).ToDictionary(f => f.PostId, f => f.Text);
        Assert.Equal([11UL, 13UL, 14UL], texts.Keys.Order());
        Assert.Equal("the post text", texts[11]);
        Assert.Null(await _store.GetDecisionAsync(11)); // the training row keeps no author id
        Assert.Equal(new RetentionResult(0, 0, 0, 0), await _store.ApplyRetentionAsync(T0.AddDays(-30), T0.AddDays(-14)));
    }
}
