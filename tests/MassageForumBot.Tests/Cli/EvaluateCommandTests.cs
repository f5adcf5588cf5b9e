using MassageForumBot.Classification.Inference;
using MassageForumBot.Cli;

namespace MassageForumBot.Tests.Cli;

[Collection(CliModelCollection.Name)]
public sealed class EvaluateCommandTests(CliModelFixture model)
{
    private PostClassifier Classifier() => PostClassifier.Load(model.ModelPath, () => throw new InvalidOperationException("n-gram model"));

    [Fact]
    public void By_default_only_the_rows_the_model_held_out_are_scored()
    {
        var classifier = Classifier();
        var testIds = classifier.Manifest.TestIds;

        var (report, scope) = EvaluateCommand.Evaluate(classifier, model.Rows, allRows: false);

        Assert.Equal($"the {testIds.Count} held-out rows recorded in the model", scope);
        Assert.Equal(testIds.Count, report.Model.Rows);
        Assert.Equal(testIds.Count, report.Baseline.Rows);
        // The same rows, the same model, the same threshold: the figures recorded at training time.
        Assert.Equal(classifier.Manifest.HeldOut.MacroF1, report.Model.MacroF1, 6);
        Assert.Equal(classifier.Manifest.HeldOut.Confusion, report.Model.Confusion);
        Assert.Equal(classifier.Policy.Threshold, report.Model.ReplyThreshold);
    }

    [Fact]
    public void All_rows_are_scored_on_request_or_when_none_of_the_held_out_rows_is_in_the_data()
    {
        var classifier = Classifier();
        var unrelated = model.Rows.Select(r => r with { Id = "new-" + r.Id }).ToList();

        var (all, allScope) = EvaluateCommand.Evaluate(classifier, model.Rows, allRows: true);
        var (fresh, freshScope) = EvaluateCommand.Evaluate(classifier, unrelated, allRows: false);

        Assert.Equal("all 60 rows", allScope);
        Assert.Equal(60, all.Model.Rows);
        Assert.Equal("all 60 rows", freshScope);
        Assert.Equal(60, fresh.Model.Rows);
        Assert.Equal(all.Model.Confusion, fresh.Model.Confusion);
    }
}
