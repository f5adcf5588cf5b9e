using System.CommandLine;
using MassageForumBot.Cli;

var root = new RootCommand("MassageForumBot: spots the recurring glutes threads in massage-therapist communities and replies once with a balanced, sourced summary.")
{
    RunCommand.Create(),
    ClassifyCommand.Create(),
    TrainCommand.Create(),
    EvaluateCommand.Create(),
    ExperimentCommand.Create(),
    ReplyCommand.Create(),
    NotesCommand.Create(),
    FeedbackCommand.Create(),
    DataCommand.Create(),
    ModelsCommand.Create(),
    ModelsCommand.CreatePromote(),
    ModelsCommand.CreateRollback(),
    KeywordsCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
