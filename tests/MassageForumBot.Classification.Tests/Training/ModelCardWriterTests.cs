using System.Globalization;
using MassageForumBot.Classification.Tests.Support;
using MassageForumBot.Classification.Training;

namespace MassageForumBot.Classification.Tests.Training;

[Collection(SmallModelCollection.Name)]
public sealed class ModelCardWriterTests(SmallModelFixture model)
{
    [Fact]
    public void Card_names_the_model_data_split_threshold_and_figures()
    {
        var m = model.Result.Manifest;

        var card = ModelCardWriter.Render(model.Result, model.Rows, "models/data");

        Assert.StartsWith("# Model card", card);
        Assert.Contains($"| version | `{m.Version}` |", card);
        Assert.Contains($"`models/data`, 60 rows, fingerprint `{m.DataFingerprint}`", card);
        Assert.Contains("glutes-draping 15 (6 groups), glutes-lowback 15 (6 groups), glutes-routine 15 (6 groups), other 15 (6 groups)", card);
        Assert.Contains($"whole groups held out ({m.TestIds.Count} test rows); {m.TrainRows} train rows (every real post among them); 5-fold", card);
        Assert.Contains($"**{m.ReplyThreshold.ToString("0.000", CultureInfo.InvariantCulture)}**", card);
        Assert.Contains("| encoder | none |", card);
        Assert.Contains("| features | word 1-2-grams + character 4-grams", card);
        Assert.Contains("| labels | glutes-draping, glutes-lowback, glutes-routine, other |", card);
        Assert.Contains("### Confusion matrix, keyword baseline", card);
        Assert.Contains($"**{model.Result.HeldOut.MacroF1.ToString("0.000", CultureInfo.InvariantCulture)}**", card);
    }
}
