using System.Text.RegularExpressions;

namespace MassageForumBot.Classification.Features;

/// <summary>
/// A few dense cues from the labelling guide that a bag of words cannot express: a linear model sees "glute" and
/// "massage" as separate words, but the guide turns on whether they are said together (a glute word near a massage
/// word is a glutes thread; near "squat" it is training). Each cue is in [0, <see cref="Weight"/>].
/// </summary>
public static partial class CueFeatures
{
    public const int Count = 14;

    /// <summary>The cues' scale beside the L2-normalised n-grams and sentence vector. Measured on real posts from unseen
    /// sites (models/EXPERIMENTS.md): 0.3 gave reply F1 0.708 and synthetic macro-F1 0.934; 1 gave 0.698 / 0.922 and
    /// 3 gave 0.701 / 0.920. Small cues nudge the model where the words alone are ambiguous without drowning the rest.</summary>
    public const float Weight = 0.3f;

    /// <summary>Words apart that still count as "said together".</summary>
    private const int Near = 12;

    [GeneratedRegex(@"^(glute\w*|gluteal|gluteus|butt|butts|bum|bums|booty|buttock\w*|rump|backside|derriere|bottom|behind|cheeks?)$")]
    private static partial Regex GluteWord();

    [GeneratedRegex(@"^(hips?|piriformis|rotators?|tfl|sacroiliac|sacrum|tailbone|coccyx)$")]
    private static partial Regex HipWord();

    [GeneratedRegex(@"^(massag\w*|therapists?|lmts?|rmts?|mts|bodywork\w*|bodyworkers?|masseus\w*|masseurs?|kneading|effleurage|petrissage|elbows?|forearms?|table)$")]
    private static partial Regex MassageWord();

    [GeneratedRegex(@"^(squats?|squatting|lunges?|deadlifts?|workouts?|exercis\w*|activation|activate\w*|gym|reps|strengthen\w*|thrusts?|bridges?|bands?|training|lifting)$")]
    private static partial Regex TrainingWord();

    [GeneratedRegex(@"^(drap\w*|sheets?|towels?|underwear|undies|panties|knickers|boxers|briefs|thong|naked|nude|nudity|undress\w*|disrob\w*|clothes|clothing|modesty|modest|exposed|exposure|consent)$")]
    private static partial Regex DrapingWord();

    [GeneratedRegex(@"^(sciatic\w*|lumbar|lowback|backache|sitting|seated|desk|spine|spinal|si)$")]
    private static partial Regex BackWord();

    [GeneratedRegex(@"^(breasts?|chest|abdom\w*|stomach|belly|groin|feet|foot|neck|face|scalp|jaw|tmj|shoulders?|hands?|arms?)$")]
    private static partial Regex OtherAreaWord();

    [GeneratedRegex(@"[\p{L}\p{N}']+")]
    private static partial Regex Token();

    /// <summary>The cues of a text: presence and proximity of glute, hip, massage, training, draping, back and other-area
    /// words, a question, and a short post.</summary>
    public static float[] Of(string text)
    {
        var words = Token().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToList();
        var glute = Positions(words, GluteWord());
        var hip = Positions(words, HipWord());
        var massage = Positions(words, MassageWord());
        var training = Positions(words, TrainingWord());
        var draping = Positions(words, DrapingWord());
        var back = Positions(words, BackWord(), LowBack(words));
        var otherArea = Positions(words, OtherAreaWord());
        var gluteOrHip = glute.Concat(hip).Order().ToList();

        return
        [
            Present(glute),
            Scaled(glute.Count),
            Present(hip),
            Present(massage),
            Present(NearCount(gluteOrHip, massage)),
            Scaled(NearCount(gluteOrHip, massage)),
            Present(training),
            Present(NearCount(gluteOrHip, training)),
            Present(NearCount(gluteOrHip, draping)),
            Present(NearCount(gluteOrHip, back)),
            Present(otherArea),
            Present(NearCount(otherArea, draping)),
            text.Contains('?') ? Weight : 0f,
            words.Count < 60 ? Weight : 0f,
        ];
    }

    private static List<int> Positions(List<string> words, Regex pattern, IEnumerable<int>? extra = null)
    {
        var found = new List<int>();
        for (var i = 0; i < words.Count; i++)
            if (pattern.IsMatch(words[i])) found.Add(i);
        if (extra is not null) found.AddRange(extra);
        return found;
    }

    /// <summary>"low back", "lower back", "back pain": "back" alone is too common ("come back", "on their back").</summary>
    private static IEnumerable<int> LowBack(List<string> words)
    {
        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (words[i] is "low" or "lower" && words[i + 1] == "back") yield return i + 1;
            else if (words[i] == "back" && words[i + 1] is "pain" or "ache" or "aches") yield return i;
        }
    }

    /// <summary>How many of <paramref name="a"/> have one of <paramref name="b"/> within <see cref="Near"/> words.</summary>
    private static int NearCount(List<int> a, List<int> b)
    {
        if (a.Count == 0 || b.Count == 0) return 0;
        var sorted = b.Order().ToArray();
        var count = 0;
        foreach (var position in a)
        {
            var at = Array.BinarySearch(sorted, position - Near);
            if (at < 0) at = ~at;
            if (at < sorted.Length && sorted[at] <= position + Near) count++;
        }
        return count;
    }

    private static float Present(List<int> positions) => positions.Count > 0 ? Weight : 0f;

    private static float Present(int count) => count > 0 ? Weight : 0f;

    /// <summary>0 for none, <see cref="Weight"/> for five or more, logarithmic between: the first mentions say the most.</summary>
    private static float Scaled(int count) => Weight * MathF.Min(1f, MathF.Log(1 + count) / MathF.Log(6));
}
