namespace MassageForumBot.Replies.Tests;

public class SafeTextTests
{
    public static readonly TheoryData<string> MentionForms = new()
    {
        "@everyone", "@here", "<@123456789012345678>", "<@!123456789012345678>", "<@&123456789012345678>", "<#123456789012345678>",
    };

    [Theory]
    [MemberData(nameof(MentionForms))]
    public void NeutralizeMentions_breaks_every_mention_form(string mention)
    {
        var text = SafeText.NeutralizeMentions($"hi {mention} there");

        Assert.DoesNotMatch(MentionAssert.Pattern, text);
        Assert.Contains(SafeText.ZeroWidthSpace, text);
    }

    [Fact]
    public void NeutralizeMentions_leaves_ordinary_text_alone_and_is_idempotent()
    {
        const string plain = "Glutes <3 and a link https://example.org/a?b=c";

        Assert.Equal(plain, SafeText.NeutralizeMentions(plain));
        var once = SafeText.NeutralizeMentions("@everyone <@1>");
        Assert.Equal(once, SafeText.NeutralizeMentions(once));
    }

    [Theory]
    [MemberData(nameof(MentionForms))]
    public void UserLine_breaks_mentions(string mention)
    {
        Assert.DoesNotMatch(MentionAssert.Pattern, SafeText.UserLine("Glutes? " + mention, 80));
    }

    [Fact]
    public void UserLine_flattens_to_one_plain_line()
    {
        var line = SafeText.UserLine("  **Does** everyone\r\n> do [glutes](https://evil.example)?\t`code` ~~x~~ ||spoiler||\u202E ", 200);

        Assert.Equal("Does everyone > do (glutes)(https://evil.example)? code x spoiler", line);
    }

    [Fact]
    public void UserLine_truncates_with_an_ellipsis_and_handles_empty_titles()
    {
        var line = SafeText.UserLine(string.Concat(Enumerable.Repeat("glutes ", 40)), 50);

        Assert.True(line.Length <= 50, line);
        Assert.EndsWith("…", line, StringComparison.Ordinal);
        Assert.Equal("(untitled)", SafeText.UserLine(" \n\t ", 50));
        Assert.Equal("(untitled)", SafeText.UserLine(null, 50));
    }

    [Fact]
    public void Truncate_never_splits_a_surrogate_pair()
    {
        var text = new string('a', 8) + "\U0001F600\U0001F600\U0001F600";

        var cut = SafeText.Truncate(text, 10);

        Assert.False(char.IsHighSurrogate(cut[^2]), "a lone high surrogate before the ellipsis");
    }
}

internal static class MentionAssert
{
    /// <summary>Raw mention syntax Discord would parse.</summary>
    public const string Pattern = @"@everyone|@here|<@!?\d+>|<@&\d+>|<#\d+>";
}
