using MassageForumBot.Classification.Features;

namespace MassageForumBot.Classification.Tests.Features;

public sealed class CueFeaturesTests
{
    // Positions in the cue vector, named for the assertions.
    private const int Glute = 0;
    private const int Hip = 2;
    private const int Massage = 3;
    private const int GluteNearMassage = 4;
    private const int Training = 6;
    private const int GluteNearTraining = 7;
    private const int GluteNearDraping = 8;
    private const int GluteNearBack = 9;
    private const int OtherArea = 10;
    private const int OtherAreaNearDraping = 11;
    private const int Question = 12;
    private const int Short = 13;

    [Fact]
    public void A_glute_word_beside_a_massage_word_is_said_together()
    {
        var cues = CueFeatures.Of("do you guys massage the glutes on every client?");

        Assert.Equal(CueFeatures.Weight, cues[Glute]);
        Assert.Equal(CueFeatures.Weight, cues[Massage]);
        Assert.Equal(CueFeatures.Weight, cues[GluteNearMassage]);
        Assert.Equal(0f, cues[GluteNearTraining]);
        Assert.Equal(CueFeatures.Weight, cues[Question]);
        Assert.Equal(CueFeatures.Weight, cues[Short]);
    }

    [Fact]
    public void Glute_training_without_massage_lights_the_training_cue_and_not_the_massage_one()
    {
        var cues = CueFeatures.Of("Best glute activation drills before squats: banded bridges, clamshells, hip thrusts. Three sets of 15 reps.");

        Assert.Equal(CueFeatures.Weight, cues[GluteNearTraining]);
        Assert.Equal(0f, cues[Massage]);
        Assert.Equal(0f, cues[GluteNearMassage]);
        Assert.Equal(0f, cues[Question]);
    }

    [Fact]
    public void A_glute_word_far_from_the_massage_words_is_not_said_together()
    {
        var filler = string.Join(' ', Enumerable.Repeat("then we talked about the weather and the traffic", 8));
        var cues = CueFeatures.Of($"My massage was lovely. {filler}. Later at the gym I did glute work.");

        Assert.Equal(CueFeatures.Weight, cues[Glute]);
        Assert.Equal(CueFeatures.Weight, cues[Massage]);
        Assert.Equal(0f, cues[GluteNearMassage]);
        Assert.Equal(0f, cues[Short]);
    }

    [Fact]
    public void Underwear_near_the_butt_is_a_glutes_draping_cue_and_near_the_chest_is_not()
    {
        var glutes = CueFeatures.Of("do clients keep their underwear on when you work the butt?");
        var chest = CueFeatures.Of("how do you drape the chest for pec work with female clients?");

        Assert.Equal(CueFeatures.Weight, glutes[GluteNearDraping]);
        Assert.Equal(0f, glutes[OtherAreaNearDraping]);
        Assert.Equal(0f, chest[GluteNearDraping]);
        Assert.Equal(CueFeatures.Weight, chest[OtherArea]);
        Assert.Equal(CueFeatures.Weight, chest[OtherAreaNearDraping]);
    }

    [Fact]
    public void Low_back_counts_and_back_alone_does_not()
    {
        var lowBack = CueFeatures.Of("piriformis work helped her lower back pain");
        var cameBack = CueFeatures.Of("she came back for more glute work");

        Assert.Equal(CueFeatures.Weight, lowBack[Hip]);
        Assert.Equal(CueFeatures.Weight, lowBack[GluteNearBack]);
        Assert.Equal(0f, cameBack[GluteNearBack]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("glutes glutes glutes glutes glutes glutes glutes glutes glutes glutes massage massage")]
    [InlineData("Ünïcödé 🍑 butt-massage?? GLUTES!!! hip/hips; piriformis.")]
    public void Every_cue_lies_between_zero_and_the_cue_weight(string text)
    {
        var cues = CueFeatures.Of(text);

        Assert.Equal(CueFeatures.Count, cues.Length);
        Assert.All(cues, c => Assert.InRange(c, 0f, CueFeatures.Weight));
    }
}
