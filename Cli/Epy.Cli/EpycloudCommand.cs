using System.CommandLine;

namespace Epy.Cli;

/// <summary>The <c>epycloud</c> command tree: every command is registered here, one line each.</summary>
public static class EpycloudCommand
{
    /// <summary>Builds the root command with the global options.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("epycloud: run epidemic forecast experiments locally or on Google Cloud");
        GlobalOptions.AddTo(root);
        root.Subcommands.Add(RunJobCommand.AddTo(RunCommand.Build()));
        root.Subcommands.Add(RunsCommands.BuildStatus());
        root.Subcommands.Add(RunsCommands.Build());
        root.Subcommands.Add(WorkflowCommand.Build());
        root.Subcommands.Add(ServeCommand.Build());
        root.Subcommands.Add(ConfigCommands.Build());
        root.Subcommands.Add(ProfileCommands.Build());
        root.Subcommands.Add(LogsCommand.Build());
        root.Subcommands.Add(DownloadCommand.Build());
        root.Subcommands.Add(ExperimentCommand.Build());
        root.Subcommands.Add(ValidateCommand.Build());
        root.Subcommands.Add(SubmissionCommand.Build());
        root.Subcommands.Add(BuildCommand.Build());
        root.Subcommands.Add(TerraformCommand.Build());
        CommandExamples.AddTo(root);
        HelpDefaults.ShowEachOnce(root);
        return root;
    }
}
