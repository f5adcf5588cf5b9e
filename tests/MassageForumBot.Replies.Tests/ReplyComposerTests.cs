using System.Text.RegularExpressions;

namespace MassageForumBot.Replies.Tests;

public class ReplyComposerTests
{
    private static readonly Uri LongBaseUrl = new("https://github.com/some-organisation-name/MassageForumBot/blob/main/models/topics/notes/");

    public static TheoryData<string, ReplyTone> TopicsAndTones()
    {
        var data = new TheoryData<string, ReplyTone>();
        foreach (var topic in TestPaths.ReplyTopics)
        {
            data.Add(topic, ReplyTone.Brief);
            data.Add(topic, ReplyTone.Full);
        }

        return data;
    }

    internal static ReplyComposer Composer(Uri? baseUrl = null) => new(TestPaths.Shipped, new NoteLinks(baseUrl));

    internal static EarlierThread Thread(long message, string date, string title) =>
        new(new Uri($"https://discord.com/channels/111/222/{message}"), DateTimeOffset.Parse(date, System.Globalization.CultureInfo.InvariantCulture), title);

    private static readonly EarlierThread[] HostileThreads =
    [
        Thread(1001, "2026-03-14T09:30:00Z", "@everyone do you all do glutes?? <@123456789012345678> <@&55> <#77> @here"),
        Thread(1002, "2026-06-02T18:00:00Z", "**Client said nobody ever** [massaged](https://evil.example) her glutes\n@everyone"),
        Thread(1003, "2025-12-24T07:00:00Z", new string('x', 500) + " <@!42>"),
        Thread(1004, "2025-01-01T00:00:00Z", "fourth thread must not appear"),
    ];

    [Theory]
    [MemberData(nameof(TopicsAndTones))]
    public void Reply_fits_discord_limits_even_in_the_worst_case(string topic, ReplyTone tone)
    {
        var reply = Composer(LongBaseUrl).Compose(new ReplyRequest(topic, 0.87, tone, HostileThreads));

        Assert.True(reply.PlainText.Length < 2000, $"plain text is {reply.PlainText.Length} characters");
        var card = reply.Card;
        Assert.InRange(card.Title.Length, 1, 256);
        Assert.InRange(card.Description.Length, 1, 4096);
        Assert.InRange(card.Fields.Count, 1, 25);
        Assert.All(card.Fields, f =>
        {
            Assert.InRange(f.Name.Length, 1, 256);
            Assert.InRange(f.Value.Length, 1, 1024);
        });
        Assert.InRange(card.Footer.Length, 1, 2048);
        var total = card.Title.Length + card.Description.Length + card.Footer.Length + card.Fields.Sum(f => f.Name.Length + f.Value.Length);
        Assert.Equal(total, card.TotalLength);
        Assert.True(total <= 6000, $"card total is {total}");
    }

    [Theory]
    [MemberData(nameof(TopicsAndTones))]
    public void No_mention_syntax_slips_through_anywhere(string topic, ReplyTone tone)
    {
        var reply = Composer().Compose(new ReplyRequest(topic, 0.87, tone, HostileThreads));

        foreach (var text in AllText(reply))
        {
            Assert.DoesNotMatch(MentionAssert.Pattern, text);
        }

        if (tone == ReplyTone.Brief)
        {
            Assert.Contains("@\u200Beveryone", reply.PlainText, StringComparison.Ordinal);
        }

        Assert.Contains("<@\u200B123456789012345678>", reply.Card.Fields.Single(f => f.Name == "This comes up often").Value, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TopicsAndTones))]
    public void With_published_notes_the_reply_links_them_and_has_the_takeaway(string topic, ReplyTone tone)
    {
        var links = new NoteLinks(LongBaseUrl);
        var reply = Composer(LongBaseUrl).Compose(new ReplyRequest(topic, 0.87, tone, []));
        var noteLinks = TestPaths.Shipped.NotesFor(topic).Select(n => links.ForMembers(n)!.AbsoluteUri).ToArray();

        Assert.Contains(noteLinks, l => reply.PlainText.Contains(l, StringComparison.Ordinal));
        Assert.Contains(noteLinks, l => reply.Card.Fields.Any(f => f.Value.Contains("(" + l + ")", StringComparison.Ordinal)));
        Assert.Empty(reply.Evidence);
        Assert.Contains("In practice: Ask the client; include the glutes when they want it; drape securely", reply.PlainText, StringComparison.Ordinal);
        Assert.Contains("Ask the client", reply.Card.Description, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TopicsAndTones))]
    public void Without_published_notes_plain_text_lists_primary_sources_as_doi_or_https_links(string topic, ReplyTone tone)
    {
        var reply = Composer().Compose(new ReplyRequest(topic, 0.87, tone, []));
        var shown = TestPaths.Shipped.NotesFor(topic).Where(n => reply.PlainText.Contains("- " + n.ShortTitle, StringComparison.Ordinal)).ToArray();

        Assert.NotEmpty(shown);
        foreach (var note in shown)
        {
            var source = SourceLinks.For(note.PrimarySource)!;
            Assert.Contains(source.Label + " " + source.Link.AbsoluteUri, reply.PlainText, StringComparison.Ordinal);
            Assert.Equal(Uri.UriSchemeHttps, source.Link.Scheme);
        }

        Assert.DoesNotContain("/notes/", reply.PlainText, StringComparison.Ordinal);
        Assert.Contains("https://doi.org/10.", reply.PlainText + string.Join(' ', shown.Select(n => SourceLinks.LinkFor(n.PrimarySource))), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TopicsAndTones))]
    public void Without_published_notes_the_card_offers_evidence_buttons_and_links_no_note(string topic, ReplyTone tone)
    {
        var reply = Composer().Compose(new ReplyRequest(topic, 0.87, tone, []));
        var notes = TestPaths.Shipped.NotesFor(topic);

        Assert.Equal(Math.Min(tone == ReplyTone.Full ? ReplyComposer.MaxEvidenceButtons : ReplyComposer.BriefNoteLinks, notes.Count), reply.Evidence.Count);
        Assert.Equal(notes.Take(reply.Evidence.Count).Select(n => n.Id), reply.Evidence.Select(e => e.NoteId));
        Assert.All(reply.Evidence, e => Assert.StartsWith(ReplyComposer.EvidenceButtonPrefix, e.Label, StringComparison.Ordinal));
        Assert.Contains(reply.Card.Fields, f => f.Value.Contains(ReplyComposer.EvidenceButtonsHint, StringComparison.Ordinal));
        Assert.DoesNotContain(reply.Card.Fields, f => f.Value.Contains("](", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TopicsAndTones))]
    public void Plain_text_has_no_discord_markup(string topic, ReplyTone tone)
    {
        var reply = Composer().Compose(new ReplyRequest(topic, 0.87, tone, HostileThreads));

        Assert.DoesNotMatch(@"\*\*|__|`|~~|\|\||\]\(|^>|^#", reply.PlainText);
        Assert.DoesNotMatch(new Regex(@"^\s*(>|#)", RegexOptions.Multiline), reply.PlainText);
    }

    [Theory]
    [InlineData(ReplyTone.Brief)]
    [InlineData(ReplyTone.Full)]
    public void Lowback_presents_both_the_release_and_the_weak_lengthened_views(ReplyTone tone)
    {
        var reply = Composer().Compose(new ReplyRequest("glutes-lowback", 0.9, tone, []));

        foreach (var text in new[] { reply.PlainText, reply.Card.Description })
        {
            Assert.Contains("Release tight glutes", text, StringComparison.Ordinal);
            Assert.Contains("Weak or lengthened glutes", text, StringComparison.Ordinal);
            Assert.Contains("association", text, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("no trial", text, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("nervous-system", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(ReplyTone.Brief)]
    [InlineData(ReplyTone.Full)]
    public void Routine_names_both_camps_the_evidence_and_consent(ReplyTone tone)
    {
        var reply = Composer().Compose(new ReplyRequest("glutes-routine", 0.9, tone, []));

        foreach (var text in new[] { reply.PlainText, reply.Card.Description })
        {
            Assert.Contains("include the glutes", text, StringComparison.Ordinal);
            Assert.Contains("Release them: tight glutes", text, StringComparison.Ordinal);
            Assert.Contains("low back pain", text, StringComparison.Ordinal);
            Assert.Contains("Strengthen, don't release: the glutes", text, StringComparison.Ordinal);
            Assert.Contains("weak, inhibited or lengthened from sitting", text, StringComparison.Ordinal);
            Assert.Contains("feels good", text, StringComparison.Ordinal);
            Assert.Contains("perceived tension", text, StringComparison.Ordinal);
            Assert.Contains("no trial has tested glute massage", text, StringComparison.Ordinal);
            Assert.Contains("hypothesis in back pain, not a finding", text, StringComparison.Ordinal);
            Assert.Contains("nervous-system and perceived change", text, StringComparison.Ordinal);
            Assert.Matches("not lasting tissue lengthening|do not lastingly lengthen", text);
            Assert.Contains("consent", text, StringComparison.Ordinal);
            Assert.Contains("draping", text, StringComparison.Ordinal);
        }

        Assert.True(reply.PlainText.Length < 2000, $"plain text is {reply.PlainText.Length} characters");
    }

    [Theory]
    [InlineData(ReplyTone.Brief)]
    [InlineData(ReplyTone.Full)]
    public void Lowback_sends_new_severe_or_changing_pain_to_a_health_care_provider(ReplyTone tone)
    {
        var reply = Composer().Compose(new ReplyRequest("glutes-lowback", 0.9, tone, []));

        Assert.Contains("New, severe or changing pain", reply.PlainText, StringComparison.Ordinal);
        Assert.Contains("health care provider", reply.Card.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ReplyTone.Brief)]
    [InlineData(ReplyTone.Full)]
    public void Draping_presents_skin_and_sheet_and_points_to_the_licensing_board(ReplyTone tone)
    {
        var text = Composer().Compose(new ReplyRequest("glutes-draping", 0.9, tone, [])).PlainText;

        Assert.Contains("to their comfort level", text, StringComparison.Ordinal);
        Assert.Contains("through the sheet", text, StringComparison.Ordinal);
        Assert.Contains("gluteal cleft", text, StringComparison.Ordinal);
        Assert.Contains("licensing board", text, StringComparison.Ordinal);
        Assert.Contains("not legal advice", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TopicsAndTones))]
    public void Reply_never_declares_a_right_or_wrong_camp(string topic, ReplyTone tone)
    {
        var text = Composer().Compose(new ReplyRequest(topic, 0.9, tone, [])).PlainText;

        Assert.DoesNotMatch(new Regex(@"\b(you should always|you must|lazy|unprofessional|the right way|stories|anyone claiming)\b", RegexOptions.IgnoreCase), text);
    }

    [Fact]
    public void Earlier_threads_are_capped_at_three_in_given_order_with_dates()
    {
        var reply = Composer().Compose(new ReplyRequest("glutes-routine", 0.8, ReplyTone.Brief, HostileThreads));

        var plain = reply.PlainText;
        Assert.Contains(ReplyComposer.EarlierThreadsHeading, plain, StringComparison.Ordinal);
        Assert.Contains("- 14 Mar 2026: ", plain, StringComparison.Ordinal);
        Assert.Contains("- 2 Jun 2026: ", plain, StringComparison.Ordinal);
        Assert.Contains("- 24 Dec 2025: ", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("fourth thread", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("/1004", plain, StringComparison.Ordinal);
        Assert.True(plain.IndexOf("/1001", StringComparison.Ordinal) < plain.IndexOf("/1002", StringComparison.Ordinal));
        Assert.True(plain.IndexOf("/1002", StringComparison.Ordinal) < plain.IndexOf("/1003", StringComparison.Ordinal));

        var field = Assert.Single(reply.Card.Fields, f => f.Name == "This comes up often");
        Assert.StartsWith("Here is where it was discussed before:", field.Value, StringComparison.Ordinal);
        Assert.Equal(4, field.Value.Split('\n').Length);
        Assert.Contains("• 14 Mar 2026: [", field.Value, StringComparison.Ordinal);
        Assert.Contains("](https://discord.com/channels/111/222/1001)", field.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("/1004", field.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Earlier_thread_titles_cannot_inject_links_or_markup_into_the_card()
    {
        var reply = Composer().Compose(new ReplyRequest("glutes-routine", 0.8, ReplyTone.Brief, HostileThreads));

        var field = reply.Card.Fields.Single(f => f.Name == "This comes up often");
        Assert.DoesNotContain("](https://evil.example)", field.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("**", field.Value, StringComparison.Ordinal);
        Assert.Contains("Client said nobody ever (massaged)(https://evil.example) her glutes", field.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_and_non_http_thread_links_are_skipped()
    {
        EarlierThread[] threads =
        [
            Thread(1, "2026-01-01T00:00:00Z", "one"),
            Thread(1, "2026-01-01T00:00:00Z", "one again"),
            new(new Uri("javascript:alert(1)"), DateTimeOffset.UnixEpoch, "bad"),
            Thread(2, "2026-01-02T00:00:00Z", "two"),
        ];

        var plain = Composer().Compose(new ReplyRequest("glutes-routine", 0.8, ReplyTone.Brief, threads)).PlainText;

        Assert.DoesNotContain("javascript", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("one again", plain, StringComparison.Ordinal);
        Assert.Contains("- 2 Jan 2026: two https://discord.com/channels/111/222/2", plain, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_earlier_threads_there_is_no_earlier_threads_section()
    {
        var reply = Composer().Compose(new ReplyRequest("glutes-draping", 0.8, ReplyTone.Brief, []));

        Assert.DoesNotContain("comes up often", reply.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain(reply.Card.Fields, f => f.Name == "This comes up often");
    }

    [Theory]
    [InlineData(0.87, "87%")]
    [InlineData(0.875, "88%")]
    [InlineData(1.0, "100%")]
    [InlineData(0.0, "0%")]
    public void Footer_states_topic_confidence_and_how_to_give_feedback(double confidence, string shown)
    {
        var footer = Composer().Compose(new ReplyRequest("glutes-lowback", confidence, ReplyTone.Brief, [])).Card.Footer;

        Assert.Contains("glutes-lowback", footer, StringComparison.Ordinal);
        Assert.Contains("Confidence: " + shown + " ", footer, StringComparison.Ordinal);
        Assert.Contains("Helpful", footer, StringComparison.Ordinal);
        Assert.Contains("Not helpful", footer, StringComparison.Ordinal);
    }

    [Fact]
    public void Brief_is_phone_sized_and_full_says_more()
    {
        foreach (var topic in TestPaths.ReplyTopics)
        {
            var brief = Composer().Compose(new ReplyRequest(topic, 0.8, ReplyTone.Brief, []));
            var full = Composer().Compose(new ReplyRequest(topic, 0.8, ReplyTone.Full, []));

            Assert.True(brief.Card.Description.Length <= 900, $"{topic}: brief description is {brief.Card.Description.Length}");
            Assert.True(brief.Card.Fields.Count <= 2, topic);
            Assert.True(brief.PlainText.Length <= 1400, $"{topic}: brief plain text is {brief.PlainText.Length}");
            Assert.True(full.Card.Description.Length > brief.Card.Description.Length, topic);
            Assert.True(full.Card.Fields.Count > brief.Card.Fields.Count, topic);
            Assert.True(full.PlainText.Length > brief.PlainText.Length, topic);
        }
    }

    [Fact]
    public void Other_gets_no_reply()
    {
        var composer = Composer();

        Assert.False(composer.CanReply("other"));
        Assert.True(composer.CanReply("glutes-routine"));
        var ex = Assert.Throws<ArgumentException>(() => composer.Compose(new ReplyRequest("other", 0.99, ReplyTone.Brief, [])));
        Assert.Contains("'other'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Confidence_outside_zero_to_one_is_rejected(double confidence)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Composer().Compose(new ReplyRequest("glutes-routine", confidence, ReplyTone.Brief, [])));
    }

    [Theory]
    [InlineData(null, ReplyTone.Brief)]
    [InlineData("", ReplyTone.Brief)]
    [InlineData("brief", ReplyTone.Brief)]
    [InlineData(" Full ", ReplyTone.Full)]
    public void Tone_setting_parses(string? value, ReplyTone expected)
    {
        Assert.Equal(expected, ReplyTones.Parse(value));
    }

    [Fact]
    public void Unknown_tone_setting_is_an_error()
    {
        Assert.Throws<ArgumentException>(() => ReplyTones.Parse("chatty"));
    }

    internal static IEnumerable<string> AllText(ComposedReply reply)
    {
        yield return reply.PlainText;
        yield return reply.Card.Title;
        yield return reply.Card.Description;
        yield return reply.Card.Footer;
        foreach (var field in reply.Card.Fields)
        {
            yield return field.Name;
            yield return field.Value;
        }
    }
}
