using System.CommandLine;

namespace MassageForumBot.Cli;

/// <summary>`notes`: where the evidence notes are; `notes check`: that every note is sourced, dated and well formed.</summary>
public static class NotesCommand
{
    public static Command Create()
    {
        var list = new Command("notes", "List the evidence notes with their topics and links (Notes:BaseUrl, or the bot's own notes site when no BaseUrl is set).");
        list.SetAction((parse, cancel) => CliErrors.Guard(() =>
        {
            var topics = CliConfiguration.Topics();
            var links = CliConfiguration.NoteLinks();
            Console.WriteLine(links.ServedLocally
                ? $"Notes are not published: replies offer evidence buttons (Discord) and source links (plain text). The running bot serves them for you at {links.Index}; set Notes:BaseUrl (public https) to link them in replies."
                : $"Notes are published at {links.Index}.");
            foreach (var note in topics.Notes)
                Console.WriteLine($"{note.Id,-36} [{string.Join(", ", note.Topics)}]  {links.For(note)}");
            return Task.FromResult(0);
        }));

        var check = new Command("check", "Check the notes: sources and review date present, every glutes-* topic has a summary and at least two notes, every DOI and URL well formed. Exit 1 on any problem.");
        check.SetAction((parse, cancel) => CliErrors.Guard(() =>
        {
            var folder = ProjectPaths.Resolve(CliConfiguration.Section<Configuration.ClassifierOptions>(Configuration.ClassifierOptions.Section).TopicsPath);
            var problems = Replies.NotesChecker.Check(folder);
            foreach (var problem in problems) Console.Error.WriteLine(problem);
            Console.WriteLine(problems.Count == 0 ? $"notes check: OK ({folder})" : $"notes check: {problems.Count} problem(s)");
            return Task.FromResult(problems.Count == 0 ? 0 : 1);
        }));
        list.Subcommands.Add(check);
        return list;
    }
}
