using MassageForumBot.Cli;
using MassageForumBot.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace MassageForumBot.Web.Tests;

/// <summary>A model file that fails to load at hot reload shows on the dashboard, next to the model that keeps serving.</summary>
public sealed class ModelReloadPageTests
{
    [Fact]
    public async Task Dashboard_shows_a_failed_reload_and_the_model_that_keeps_serving()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mfb-reload-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var model = Path.Combine(folder, "classifier.zip");
        File.Copy(ProjectPaths.Resolve(ProjectPaths.DefaultModel), model);
        try
        {
            await using var app = await WebApp.StartAsync(null, $"--Classifier:ModelPath={model}");
            var classifier = app.Services.GetRequiredService<ActiveClassifier>();
            var version = classifier.Current.Manifest.Version;
            using var http = app.Client();
            Assert.DoesNotContain("model-reload-failure", await http.GetStringAsync("/"), StringComparison.Ordinal);

            File.WriteAllBytes(model, [0x50, 0x4b, 1, 2, 3]);
            Assert.False(classifier.Reload());
            var html = await http.GetStringAsync("/");

            Assert.Contains("id=\"model-reload-failure\"", html, StringComparison.Ordinal);
            Assert.Contains("this model keeps serving", html, StringComparison.Ordinal);
            Assert.Contains(version, html, StringComparison.Ordinal);
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
        }
    }
}
