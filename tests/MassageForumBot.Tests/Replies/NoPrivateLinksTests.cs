using MassageForumBot.Discord.Testing;
using System.Text.Json;
using System.Text.RegularExpressions;
using MassageForumBot.Cli;
using MassageForumBot.Discord.Models;
using MassageForumBot.DiscordBot;
using MassageForumBot.DiscordBot.Interactions;
using MassageForumBot.Replies;
using DiscordLimits = MassageForumBot.Discord.Models.DiscordLimits;

namespace MassageForumBot.Tests.Replies;

/// <summary>
/// Nothing a member reads links to this machine: every topic, every tone, every channel kind, with and without
/// published notes, and even when an earlier thread's stored link names a private host.
/// </summary>
public sealed partial class NoPrivateLinksTests
{
    private static readonly TopicLibrary Shipped = TopicLibrary.Load(ProjectPaths.Resolve(ProjectPaths.DefaultTopics));

    public enum ChannelKind
    {
        DiscordReply,
        DiscordShadowDraft,
        Console,
        FacebookDraft,
    }

    private static readonly EarlierThread[] Threads =
    [
        new(new Uri("https://discord.com/channels/1/2/3"), DateTimeOffset.UnixEpoch, "a public thread"),
        new(new Uri("http://127.0.0.1:5080/notes/x"), DateTimeOffset.UnixEpoch, "loopback"),
        new(new Uri("http://192.168.0.10/thread"), DateTimeOffset.UnixEpoch, "lan"),
        new(new Uri("https://[fd00::1]/thread"), DateTimeOffset.UnixEpoch, "unique local"),
        new(new Uri("https://printer.local/thread"), DateTimeOffset.UnixEpoch, "mdns"),
    ];

    public static TheoryData<string, ReplyTone, ChannelKind, string?> Everything()
    {
        var data = new TheoryData<string, ReplyTone, ChannelKind, string?>();
        foreach (var topic in Shipped.Summaries.Select(s => s.Topic))
            foreach (var tone in Enum.GetValues<ReplyTone>())
                foreach (var kind in Enum.GetValues<ChannelKind>())
                    foreach (var baseUrl in new[] { null, "https://github.com/org/MassageForumBot/blob/main/models/topics/notes/" })
                        data.Add(topic, tone, kind, baseUrl);
        return data;
    }

    [Theory]
    [MemberData(nameof(Everything))]
    public void No_link_names_a_loopback_or_private_host(string topic, ReplyTone tone, ChannelKind kind, string? baseUrl)
    {
        var composer = new ReplyComposer(Shipped, new NoteLinks(baseUrl is null ? null : new Uri(baseUrl)));
        var reply = composer.Compose(new ReplyRequest(topic, 0.9, tone, Threads));

        var texts = Render(reply, kind).ToList();

        var links = texts.SelectMany(t => Url().Matches(t).Select(m => m.Value)).ToList();
        Assert.NotEmpty(links);
        foreach (var link in links)
        {
            Assert.True(Uri.TryCreate(link, UriKind.Absolute, out var uri), link);
            Assert.False(MemberLinks.IsPrivateHost(uri!.Host), $"{kind} links to {link}");
        }

        Assert.All(texts, t => Assert.DoesNotMatch(PrivateName(), t));
        Assert.Contains(links, l => l.StartsWith("https://", StringComparison.Ordinal) && !l.Contains("discord.com", StringComparison.Ordinal));
    }

    /// <summary>Everything the channel puts in front of members, including what an evidence button answers.</summary>
    private static IEnumerable<string> Render(ComposedReply reply, ChannelKind kind)
    {
        switch (kind)
        {
            case ChannelKind.DiscordReply:
            case ChannelKind.DiscordShadowDraft:
                var message = ReplyMessageBuilder.Build(reply, postId: 77, nonce: "n", reference: null);
                if (kind == ChannelKind.DiscordShadowDraft)
                    message = message with { Content = "Shadow mode draft for https://discord.com/channels/1/2/77 (glutes, 90%):" };
                Assert.Empty(MessageLimitCheck.Validate(message));
                yield return JsonSerializer.Serialize(message, DiscordJson.Options);
                var evidence = new EvidenceButtons(Shipped);
                foreach (var button in reply.Evidence)
                    yield return evidence.Handle(button.NoteId).Content;
                break;
            default:
                // The console channel and the `reply` verb (Facebook drafts) post the plain text.
                yield return reply.PlainText;
                break;
        }
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("::1", true)]
    [InlineData("[::1]", true)]
    [InlineData("localhost", true)]
    [InlineData("bot.localhost", true)]
    [InlineData("10.0.0.5", true)]
    [InlineData("172.16.0.1", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("192.168.1.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("fc00::1", true)]
    [InlineData("fd12:3456::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("nas.local", true)]
    [InlineData("intranet", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("8.8.8.8", false)]
    [InlineData("doi.org", false)]
    [InlineData("2001:4860::8888", false)]
    public void Private_and_loopback_hosts_are_recognised(string host, bool isPrivate)
    {
        Assert.Equal(isPrivate, MemberLinks.IsPrivateHost(host));
    }

    [GeneratedRegex(@"[a-zA-Z][a-zA-Z0-9+.-]*://[^\s""<>)\]\\]+")]
    private static partial Regex Url();

    [GeneratedRegex(@"(?i)localhost|127\.0\.0\.1|\[::1\]")]
    private static partial Regex PrivateName();
}
