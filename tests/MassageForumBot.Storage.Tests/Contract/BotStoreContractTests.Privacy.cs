namespace MassageForumBot.Storage.Tests.Contract;

/// <summary>Forgetting (deletes, opt-out, a removed bot), tombstones, what a member can see, and retention to day counts.</summary>
public abstract partial class BotStoreContractTests
{
    private const ulong Forum = 40;
    private const ulong ForumThread = 41;

    /// <summary>A snowflake made at <paramref name="at"/> (a tombstone covers what was made before it).</summary>
    private static ulong Snowflake(DateTimeOffset at, ulong increment = 0) => ((ulong)(at.ToUnixTimeMilliseconds() - 1_420_070_400_000) << 22) + increment;

    private static PostDecision Post(ulong id, ulong guild = 10, ulong channel = 20, ulong? watched = 20, ulong author = 30, DateTimeOffset? at = null) =>
        new PostDecision(id, guild, channel, author, "glutes-routine", 0.9, "{}", PostOutcome.Replied, "r", at ?? T0) { WatchedChannelId = watched, Excerpt = "words" };

    private static RememberedThread Memory(ulong id, ulong guild = 10, ulong channel = 20, ulong? thread = null, ulong? watched = 20, ulong author = 30) =>
        new RememberedThread(id, guild, channel, thread, "glutes-routine", $"title {id}", T0, [1f]) { WatchedChannelId = watched, AuthorId = author };

    private async Task StorePostAsync(ulong id, ulong guild = 10, ulong channel = 20, ulong? thread = null, ulong? watched = 20, ulong author = 30)
    {
        Assert.True(await _store.RecordDecisionAsync(Post(id, guild, channel, watched, author)));
        await _store.RememberAsync(Memory(id, guild, channel, thread, watched, author));
        await _store.RecordFeedbackAsync(F(id, 900, guild));
    }

    private async Task<bool> KeptAsync(ulong id, ulong guild = 10) =>
        await _store.GetDecisionAsync(id) is not null
        || (await _store.ThreadsAsync(guild, "glutes-routine", 100)).Any(t => t.MessageId == id)
        || (await _store.FeedbackAsync(null, DateTimeOffset.MinValue)).Any(f => f.PostId == id && f.Text is not null);

    [SkippableFact]
    public async Task Forgetting_messages_removes_text_vector_title_and_decision_keeps_the_claim_and_leaves_tombstones()
    {
        await StorePostAsync(1);
        await StorePostAsync(2);
        await StorePostAsync(3);
        await _store.ClaimReplyAsync(1, 20, "n", T0);

        var forgot = await _store.ForgetMessagesAsync(10, 20, [1, 2, 2, 404], T0);

        Assert.Equal(new ForgetResult(2, 2, 2), forgot);
        Assert.False(await KeptAsync(1));
        Assert.False(await KeptAsync(2));
        Assert.True(await KeptAsync(3));
        Assert.NotNull(await _store.GetClaimAsync(1));
        Assert.True(await _store.IsForgottenAsync(404, 20, 20, 10));
        Assert.False(await _store.IsForgottenAsync(3, 20, 20, 10));
    }

    [SkippableFact]
    public async Task A_write_that_finishes_after_the_delete_is_refused_by_the_tombstone()
    {
        await _store.ForgetMessagesAsync(10, 20, [7], T0);

        Assert.False(await _store.RecordDecisionAsync(Post(7)));
        await _store.RememberAsync(Memory(7));

        Assert.False(await KeptAsync(7));
        Assert.True(await _store.RecordDecisionAsync(Post(8)));
    }

    [SkippableFact]
    public async Task Deleting_a_forum_post_thread_or_the_forum_forgets_the_posts_in_it_and_refuses_late_writes()
    {
        await StorePostAsync(ForumThread, channel: ForumThread, thread: ForumThread, watched: Forum);
        await StorePostAsync(42, channel: 42, thread: 42, watched: Forum);
        await StorePostAsync(3);

        var thread = await _store.ForgetChannelAsync(10, ForumThread, T0);
        Assert.Equal(new ForgetResult(1, 1, 1), thread);
        Assert.False(await KeptAsync(ForumThread));
        Assert.True(await KeptAsync(42));

        var forum = await _store.ForgetChannelAsync(10, Forum, T0);
        Assert.Equal(new ForgetResult(1, 1, 1), forum);
        Assert.False(await KeptAsync(42));
        Assert.True(await KeptAsync(3));

        // A post of the deleted forum still being classified: its write comes too late.
        Assert.False(await _store.RecordDecisionAsync(Post(43, channel: 43, watched: Forum)));
        Assert.True(await _store.IsForgottenAsync(ForumThread, ForumThread, Forum, 10));
    }

    [SkippableFact]
    public async Task Removing_the_bot_from_a_guild_forgets_that_guild_only_and_keeps_its_settings()
    {
        var before = Snowflake(T0.AddHours(-1));
        await StorePostAsync(before, guild: 10);
        await StorePostAsync(5, guild: 11);
        await _store.SaveGuildSettingsAsync(GuildSettings.Empty(10, T0) with { Mode = "live" });

        var forgot = await _store.ForgetGuildAsync(10, T0);

        Assert.Equal(new ForgetResult(1, 1, 1), forgot);
        Assert.False(await KeptAsync(before, 10));
        Assert.True(await KeptAsync(5, 11));
        Assert.Equal("live", (await _store.GetGuildSettingsAsync(10))!.Mode);
        // A post made before the removal is refused; one made after the bot was invited again is stored.
        Assert.False(await _store.RecordDecisionAsync(Post(Snowflake(T0.AddMinutes(-1)), guild: 10)));
        Assert.True(await _store.RecordDecisionAsync(Post(Snowflake(T0.AddMinutes(1)), guild: 10)));
    }

    [SkippableFact]
    public async Task Forgetting_an_author_reaches_every_guild_and_their_votes_but_not_other_members()
    {
        await StorePostAsync(1, guild: 10, author: 30);
        await StorePostAsync(2, guild: 11, author: 30);
        await StorePostAsync(3, guild: 10, author: 31);
        await _store.RecordFeedbackAsync(F(3, 30, 10));                                   // their vote on another's post
        await _store.RecordFeedbackAsync(F(1, 950, 10, corrected: "other", byModerator: true)); // a moderator's label on their post

        var forgot = await _store.ForgetAuthorAsync(30);

        Assert.Equal(new ForgetResult(2, 2, 4), forgot);
        Assert.False(await KeptAsync(1, 10));
        Assert.False(await KeptAsync(2, 11));
        Assert.True(await KeptAsync(3, 10));
        Assert.DoesNotContain(await _store.FeedbackAsync(null, DateTimeOffset.MinValue), f => f.UserId == 30);
        Assert.Equal(new ForgetResult(0, 0, 0), await _store.ForgetAuthorAsync(30));
    }

    [SkippableFact]
    public async Task An_opted_out_authors_decision_and_thread_are_refused_but_an_authorless_record_is_kept()
    {
        await _store.SetOptedOutAsync(30, true, T0);

        Assert.False(await _store.RecordDecisionAsync(Post(1, author: 30)));
        await _store.RememberAsync(Memory(1, author: 30));
        Assert.True(await _store.RecordDecisionAsync(Post(2, author: 0) with { Outcome = PostOutcome.OptedOut }));

        Assert.False(await KeptAsync(1));
        Assert.Equal(PostOutcome.OptedOut, (await _store.GetDecisionAsync(2))!.Outcome);
    }

    [SkippableFact]
    public async Task Member_data_lists_their_posts_newest_first_in_every_guild_with_counts()
    {
        await _store.RecordDecisionAsync(Post(1, guild: 10, author: 30, at: T0));
        await _store.RecordDecisionAsync(Post(2, guild: 11, author: 30, at: T0.AddMinutes(1)));
        await _store.RecordDecisionAsync(Post(3, guild: 11, author: 30, at: T0.AddMinutes(2)));
        await _store.RecordDecisionAsync(Post(4, guild: 10, author: 31));
        await _store.RememberAsync(Memory(1, author: 30));
        await _store.RecordFeedbackAsync(F(4, 30));
        await _store.SetOptedOutAsync(30, true, T0.AddHours(1));

        var data = await _store.MemberDataAsync(30, 2);
        var nobody = await _store.MemberDataAsync(99, 10);

        Assert.Equal([3UL, 2UL], data.RecentPosts.Select(p => p.MessageId));
        Assert.Equal((3, 1, 1, (DateTimeOffset?)T0.AddHours(1)), (data.Posts, data.RememberedThreads, data.FeedbackGiven, data.OptedOutAt));
        Assert.Equal(new MemberData([], 0, 0, 0, null), nobody with { RecentPosts = [] });
        Assert.Empty(nobody.RecentPosts);
    }

    [SkippableFact]
    public async Task Day_counts_are_the_same_before_and_after_retention_turns_rows_into_counts()
    {
        var day1 = T0.AddDays(-40);
        await _store.RecordDecisionAsync(Post(1, guild: 10, at: day1));
        await _store.RecordDecisionAsync(Post(2, guild: 10, at: day1.AddHours(1)));
        await _store.RecordDecisionAsync(Post(3, guild: 10, at: day1) with { Outcome = PostOutcome.RedFlag, Topic = "", Reason = "clinical red flag 'cancer'" });
        await _store.RecordDecisionAsync(Post(4, guild: 11, at: day1));
        await _store.RecordDecisionAsync(Post(5, guild: 10, at: T0));
        await _store.RecordFeedbackAsync(F(1, 100, 10, at: day1));
        await _store.RecordFeedbackAsync(F(1, 101, 10, at: day1));
        var before = await _store.DailyCountsAsync(null, T0.AddDays(-60));

        var result = await _store.ApplyRetentionAsync(T0.AddDays(-30), T0.AddDays(-14));
        var after = await _store.DailyCountsAsync(null, T0.AddDays(-60));
        await _store.RecordDecisionAsync(Post(6, guild: 10, at: day1.AddHours(2)));        // a late row of an aggregated day adds up
        var merged = await _store.DailyCountsAsync(10, T0.AddDays(-60));

        Assert.Equal(4, result.Decisions);
        Assert.Equal(before, after);
        var d1 = DateOnly.FromDateTime(day1.UtcDateTime);
        Assert.Contains(new DailyCount(10, d1, "glutes-routine", nameof(PostOutcome.Replied), 2), before);
        Assert.Contains(new DailyCount(10, d1, "", nameof(PostOutcome.RedFlag), 1), before);
        Assert.Contains(new DailyCount(10, d1, "glutes-routine", DailyCount.Feedback(FeedbackKinds.Helpful), 2), before);
        Assert.Contains(new DailyCount(11, d1, "glutes-routine", nameof(PostOutcome.Replied), 1), before);
        Assert.Contains(new DailyCount(10, d1, "glutes-routine", nameof(PostOutcome.Replied), 3), merged);
        Assert.DoesNotContain(merged, c => c.GuildId == 11);
        Assert.Empty(await _store.DailyCountsAsync(null, T0.AddDays(1)));
        Assert.Contains(11UL, await _store.KnownGuildsAsync());
    }

    [SkippableFact]
    public async Task Tombstones_expire_at_their_own_cutoff()
    {
        await _store.ForgetMessagesAsync(10, 20, [1], T0.AddDays(-20));
        await _store.ForgetMessagesAsync(10, 20, [2], T0.AddDays(-1));

        var result = await _store.ApplyRetentionAsync(T0.AddDays(-90), T0.AddDays(-14));

        Assert.Equal(1, result.Tombstones);
        Assert.False(await _store.IsForgottenAsync(1, 20, 20, 10));
        Assert.True(await _store.IsForgottenAsync(2, 20, 20, 10));
    }
}
