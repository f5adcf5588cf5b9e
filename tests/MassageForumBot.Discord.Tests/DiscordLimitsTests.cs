using MassageForumBot.Discord.Testing;
using MassageForumBot.Discord.Models;

namespace MassageForumBot.Discord.Tests;

public sealed class DiscordLimitsTests
{
    [Fact]
    public void Fit_truncates_content_to_2000_with_an_ellipsis()
    {
        var fitted = DiscordLimits.Fit(new CreateMessageRequest { Content = new string('a', 5000) });

        Assert.Equal(2000, fitted.Content!.Length);
        Assert.EndsWith(DiscordLimits.Ellipsis, fitted.Content, StringComparison.Ordinal);
        Assert.Empty(MessageLimitCheck.Validate(fitted));
    }

    [Fact]
    public void Fit_leaves_short_messages_alone()
    {
        var request = new CreateMessageRequest { Content = "short", Embeds = [new Embed { Title = "t", Description = "d" }] };

        var fitted = DiscordLimits.Fit(request);

        Assert.Equal("short", fitted.Content);
        Assert.Equal("t", fitted.Embeds![0].Title);
        Assert.Equal("d", fitted.Embeds[0].Description);
    }

    [Fact]
    public void Truncate_never_splits_a_grapheme()
    {
        const string family = "\U0001F468\u200D\U0001F469\u200D\U0001F467"; // 8 UTF-16 units, one grapheme
        var text = new string('a', 1995) + family + "tail";

        var cut = DiscordLimits.Truncate(text, 2000);

        Assert.True(cut.Length <= 2000);
        Assert.Equal(new string('a', 1995) + DiscordLimits.Ellipsis, cut);
        var surrogates = DiscordLimits.Truncate("x" + "\U0001F600\U0001F600\U0001F600", 4);
        Assert.False(char.IsHighSurrogate(surrogates[^2]));
    }

    [Fact]
    public void Fit_brings_oversized_embeds_within_every_limit()
    {
        var fields = Enumerable.Range(0, 30).Select(i => new EmbedField(new string('n', 300), new string('v', 2000))).ToList();
        var embeds = Enumerable.Range(0, 12).Select(_ => new Embed
        {
            Title = new string('t', 300),
            Description = new string('d', 5000),
            Fields = fields,
            Footer = new EmbedFooter { Text = new string('f', 3000) },
        }).ToList();
        var request = new CreateMessageRequest { Content = "see below", Embeds = embeds };
        Assert.NotEmpty(MessageLimitCheck.Validate(request));

        var fitted = DiscordLimits.Fit(request);

        Assert.Empty(MessageLimitCheck.Validate(fitted));
        Assert.Equal(10, fitted.Embeds!.Count);
        Assert.True(fitted.Embeds.Sum(MessageLimitCheck.EmbedTextLength) <= 6000);
        var first = fitted.Embeds[0];
        Assert.Equal(256, first.Title!.Length);
        Assert.EndsWith(DiscordLimits.Ellipsis, first.Title, StringComparison.Ordinal);
        Assert.Equal(4096, first.Description!.Length);
        Assert.Equal("see below", fitted.Content);
    }

    [Fact]
    public void Fit_caps_fields_at_25_and_their_lengths()
    {
        var fields = Enumerable.Range(0, 30).Select(i => new EmbedField(new string('n', 300), new string('v', 1500))).ToList();
        var request = new CreateMessageRequest { Embeds = [new Embed { Fields = fields }] };

        var embed = DiscordLimits.Fit(request with { }).Embeds![0];

        // 6000 budget: (256 + 1024) per field -> 4 whole fields, then a shortened fifth.
        Assert.InRange(embed.Fields!.Count, 1, 25);
        Assert.All(embed.Fields, f => Assert.InRange(f.Name.Length, 1, 256));
        Assert.All(embed.Fields, f => Assert.InRange(f.Value.Length, 1, 1024));
        Assert.True(MessageLimitCheck.EmbedTextLength(embed) <= 6000);

        var many = Enumerable.Range(0, 40).Select(i => new EmbedField("n" + i, "v")).ToList();
        Assert.Equal(25, DiscordLimits.Fit(new CreateMessageRequest { Embeds = [new Embed { Fields = many }] }).Embeds![0].Fields!.Count);
    }

    [Fact]
    public void Validate_lists_component_and_message_problems()
    {
        var request = new CreateMessageRequest
        {
            Nonce = new string('x', 26),
            Components =
            [
                new ActionRow(
                    new Button { Style = ButtonStyle.Primary, Label = new string('l', 81), CustomId = new string('c', 101) },
                    new Button { Style = ButtonStyle.Link, Label = "no url" },
                    new Button { Style = (ButtonStyle)9, CustomId = "ok" }),
            ],
        };

        var problems = MessageLimitCheck.Validate(request);

        Assert.Contains(problems, p => p.Contains("nonce", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains(".label", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("custom_id", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("needs a url", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("style 9", StringComparison.Ordinal));
        Assert.Contains(MessageLimitCheck.Validate(new CreateMessageRequest()), p => p.Contains("empty", StringComparison.Ordinal));
    }
}
