using System.CommandLine;

namespace Epy.Cli;

/// <summary>
/// <c>epycloud workflow list|describe|logs|cancel|retry</c>: the original epycloud's names for runs (it called them
/// workflow executions), kept for the people who type them. Each is the same command as
/// <c>runs list</c>, <c>runs show</c>, <c>logs</c>, <c>runs cancel</c> and <c>runs resume</c> under the old name,
/// with the old options: <c>list --status ACTIVE|SUCCEEDED|FAILED|CANCELLED --limit N --since 7d --exp-id</c>,
/// <c>logs RUN_ID --follow --tail N</c>.
/// </summary>
public static class WorkflowCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var workflow = new Command("workflow", "The original epycloud's names for runs: list, describe, logs, cancel, retry (the same as runs list|show, logs, runs cancel|resume)");
        workflow.Subcommands.Add(RunsCommands.BuildList("list"));
        workflow.Subcommands.Add(RunsCommands.BuildShow("describe"));
        workflow.Subcommands.Add(LogsCommand.BuildForWorkflow());
        workflow.Subcommands.Add(RunsCommands.BuildAction("cancel", "cancel", RunsCommands.CancelHelp));
        workflow.Subcommands.Add(RunsCommands.BuildAction("retry", "resume", RunsCommands.ResumeHelp));
        return workflow;
    }
}
