using System.Text.Json;

namespace MassageForumBot.Tests.EndToEnd;

/// <summary>SIGTERM in the middle of a burst, then a restart: nothing is lost and nothing is answered twice.</summary>
public sealed class ShutdownEndToEndTests : RunningBot
{
    private const string Question = "A new client told me nobody had ever massaged her glutes before. Doesn't everyone include the glutes in a full body??";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Stopped_during_a_burst_of_30_questions_then_restarted_every_question_gets_exactly_one_reply()
    {
        var gateway = await Bot.ConnectAsync();
        var burst = new List<(ulong PostId, int Sequence, object Message)>();
        for (var i = 0; i < 30; i++)
        {
            var postId = Bot.NewId();
            var message = BotHarness.Message(postId, BotHarness.WatchedChannel, Question);
            burst.Add((postId, await gateway.SendDispatchAsync("MESSAGE_CREATE", message), message));
        }

        // SIGTERM once the first reply is out, with little time to drain: some questions are still queued.
        await Bot.WaitForPostAsync(BotHarness.WatchedChannel);
        await Bot.StopBotAsync(shutdownTimeout: TimeSpan.FromMilliseconds(200));
        var answeredBeforeRestart = burst.Count(b => Replies(b.PostId) == 1);

        await Bot.StartBotAsync();
        var second = await Bot.Server.AcceptConnectionAsync(TimeSpan.FromSeconds(20));
        var resume = await second.AcceptResumeAsync();
        var resumedAt = resume.GetProperty("d").GetProperty("seq").GetInt32();
        // Like Discord: everything after the stored sequence is replayed, with its original sequence number.
        foreach (var (_, sequence, message) in burst.Where(b => b.Sequence > resumedAt))
        {
            await second.SendPayloadAsync(0, message, sequence, "MESSAGE_CREATE");
        }

        foreach (var (postId, _, _) in burst)
        {
            await Bot.Server.WaitForRequestAsync(r => r.Method == "POST" && r.RawBody.Contains($"\"message_id\":\"{postId}\"", StringComparison.Ordinal), Patience);
        }
        await Bot.StopBotAsync(); // handled events drained, nothing left in flight

        Assert.All(burst, b => Assert.Equal(1, Replies(b.PostId)));
        Assert.InRange(answeredBeforeRestart, 1, 30);
        Assert.True(resumedAt >= burst[0].Sequence - 1, $"resumed at {resumedAt}, before the burst");
    }

    /// <summary>Distinct messages the fake Discord made in reply to the post (a retried nonce makes none).</summary>
    private int Replies(ulong postId) => Bot.Server.CreatedMessages.Count(m => m.MessageReference?.MessageId == postId);
}
