using MassageForumBot.Configuration;
using MassageForumBot.Replies;
using Microsoft.Extensions.Configuration;

namespace MassageForumBot.Cli;

/// <summary>The same configuration the worker reads (appsettings.json, environment, user secrets), for the maintenance verbs.</summary>
public static class CliConfiguration
{
    public static IConfiguration Load() =>
        new ConfigurationBuilder()
            .AddJsonFile(ProjectPaths.Resolve("appsettings.json"), optional: true)
            .AddUserSecrets(typeof(CliConfiguration).Assembly, optional: true)
            .AddEnvironmentVariables()
            .Build();

    public static T Section<T>(string name) where T : new() => Load().GetSection(name).Get<T>() ?? new T();

    public static NoteLinks NoteLinks()
    {
        var notes = Section<NotesOptions>(NotesOptions.Section);
        if (notes.BaseUrl is not null && MemberLinks.PublicHttpsProblem(notes.BaseUrl) is { } problem)
        {
            throw new CliException($"Notes:BaseUrl {problem} ('{notes.BaseUrl}'); publish the notes at a public https address, or unset Notes:BaseUrl.");
        }

        return new NoteLinks(notes.BaseUrl, Section<Web.WebOptions>(Web.WebOptions.Section).ListenUrl);
    }

    public static TopicLibrary Topics() =>
        TopicLibrary.Load(ProjectPaths.Resolve(Section<ClassifierOptions>(ClassifierOptions.Section).TopicsPath));
}
