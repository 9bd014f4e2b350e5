using System.CommandLine;

namespace Epy.Cli;

/// <summary>The <c>epycloud</c> command tree.</summary>
public static class EpycloudCommand
{
    /// <summary>Builds the root command.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("epycloud: run epidemic forecast experiments locally or on Google Cloud");
        root.Subcommands.Add(RunCommand.Build());
        root.Subcommands.Add(ServeCommand.Build());
        root.Subcommands.Add(RunsCommands.BuildStatus());
        root.Subcommands.Add(RunsCommands.Build());
        return root;
    }
}
