using MassageForumBot.Classification.Data;
using MassageForumBot.Classification.Features;
using MassageForumBot.Classification.Inference;
using MassageForumBot.Classification.Tests.Support;

namespace MassageForumBot.Classification.Tests.Inference;

/// <summary>The shipped model (real encoder) on everyday questions written for this test and on long posts.</summary>
public sealed class EverydayAndLongPostTests(ShippedModelFixture shipped) : IClassFixture<ShippedModelFixture>
{
    private static readonly IReadOnlyList<string> Everyday = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Inference", "Data", "everyday-questions.txt"))
        .Where(l => !string.IsNullOrWhiteSpace(l) && !l.StartsWith('#')).ToList();

    // About 1,500 characters: a story about a studio move, with one paragraph asking the glutes question.
    private const string LongPostWithOneParagraphOnTheQuestion = """
        Long post, sorry, it's been a month. I finally moved out of the shared suite and into my own little room above a bakery,
        which smells amazing at 6am and terrible for my diet. The landlord is fine, the stairs are not, and I had to carry the
        table up two flights with my brother, who now wants a free massage every week for life. I also switched booking systems
        because the old one kept double booking my Saturday slots and charging clients the wrong deposit amount.
        Parking is a whole other story, but at least there is a bus stop right outside the door for my regulars.

        Anyway the actual question. A regular of mine, lovely lady, told me last week that in twenty years of massages nobody had
        ever worked her glutes, and asked if I could. I always include them, through the sheet, on pretty much everyone unless
        they say no. Is that unusual? Do most of you work the glutes as part of a normal full body, or only when the client asks?

        Other news: my hands are holding up better since I started using forearms more, and I picked up two new clients from the
        bakery downstairs, so the smell of croissants is officially a marketing channel. I'm also thinking about adding a
        thirty minute option for the lunch crowd, but I worry it will eat into my ninety minute bookings, which are where I make
        my rent. If anyone has done shorter sessions in a new space I'd love to hear how it went, and what you charged for them.
        Thanks for reading all that, this group has been a lifesaver since I went solo.
        """;

    // The same length, about pricing, with a glute word in passing.
    private const string LongPostWithAGluteWordInPassing = """
        Long post, sorry, it's been a month. I finally moved out of the shared suite and into my own little room above a bakery,
        which smells amazing at 6am and terrible for my diet. The landlord is fine, the stairs are not, and I had to carry the
        table up two flights with my brother, who now wants a free massage every week for life. I also switched booking systems
        because the old one kept double booking my Saturday slots and charging clients the wrong deposit amount.
        Parking is a whole other story, but at least there is a bus stop right outside the door for my regulars.

        My real question is about prices. I charge 85 for sixty minutes and 120 for ninety, and a friend across town charges
        110 for sixty in a much fancier place. My sessions are a normal full body, back, legs, glutes, arms, neck, nothing
        special. Should I raise my rates now that I'm on my own, or wait until the room is full most weeks?

        Other news: my hands are holding up better since I started using forearms more, and I picked up two new clients from the
        bakery downstairs, so the smell of croissants is officially a marketing channel. I'm also thinking about adding a
        thirty minute option for the lunch crowd, but I worry it will eat into my ninety minute bookings, which are where I make
        my rent. If anyone has done shorter sessions in a new space I'd love to hear how it went, and what you charged for them.
        Thanks for reading all that, this group has been a lifesaver since I went solo.
        """;

    [Fact]
    public void The_everyday_questions_are_thirty_and_none_is_in_the_training_data()
    {
        var trained = shipped.Data.Select(r => DatasetRules.NormaliseForComparison(r.Text)).ToHashSet();

        Assert.Equal(30, Everyday.Count);
        Assert.Equal(30, Everyday.Distinct().Count());
        Assert.All(Everyday, q => Assert.DoesNotContain(DatasetRules.NormaliseForComparison(q), trained));
    }

    [Fact]
    public void At_least_27_of_30_everyday_questions_get_a_reply()
    {
        var predictions = Everyday.Select(q => (Question: q, Prediction: shipped.Classifier.Classify(q))).ToList();

        var missed = predictions.Where(p => !p.Prediction.Reply).Select(p => $"{p.Prediction.Topic} {p.Prediction.Confidence:F3}: {p.Question}").ToList();
        Assert.True(missed.Count <= 3, $"{missed.Count} of 30 got no reply (threshold {shipped.Classifier.Policy.Threshold:F3}):\n{string.Join("\n", missed)}");
    }

    [Fact]
    public void A_long_post_with_one_paragraph_on_the_question_is_caught()
    {
        Assert.InRange(LongPostWithOneParagraphOnTheQuestion.Length, 1_450, 1_600);
        Assert.True(shipped.Classifier.Manifest.Passages, "the shipped model scores passages of long posts");
        Assert.NotEmpty(Passages.Of(LongPostWithOneParagraphOnTheQuestion));

        var p = shipped.Classifier.Classify(LongPostWithOneParagraphOnTheQuestion);

        Assert.True(p.Reply && p.Topic == "glutes-routine", $"{p.Topic} {p.Confidence:F3} (threshold {shipped.Classifier.Policy.Threshold:F3})");
    }

    [Fact]
    public void A_long_post_with_a_glute_word_in_passing_is_not_answered()
    {
        Assert.InRange(LongPostWithAGluteWordInPassing.Length, 1_450, 1_600);

        var p = shipped.Classifier.Classify(LongPostWithAGluteWordInPassing);

        Assert.False(p.Reply, $"{p.Topic} {p.Confidence:F3} (threshold {shipped.Classifier.Policy.Threshold:F3})");
    }
}
