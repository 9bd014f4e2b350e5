using System.CommandLine;
using Epy.Cli.Targets;

namespace Epy.Cli.Client;

/// <summary>
/// Which runs a read command reads: <c>--local</c>, the local state folder; <c>--server</c> or a configured
/// <c>orchestrator.url</c>, that orchestrator; neither, the project's local state folder when it has runs
/// (no server needed, and never another project's), else the local server's default address.
/// </summary>
public static class RunSources
{
    /// <summary>The source for this command line.</summary>
    public static IRunSource For(CliContext context, ParseResult parse, string? server)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(parse);
        var folder = TargetOptions.StateFolder(parse);
        if (parse.GetValue(TargetOptions.Local))
        {
            return LocalRunSource.Open(folder)
                ?? throw CliException.Configuration($"no local runs in {folder}", "run one with 'epycloud run --local', or pass --project-dir / --state-dir");
        }
        if (server is not { Length: > 0 } && context.Config.OrchestratorUrl is null && LocalRunSource.Open(folder) is { } local)
            return local;
        return OrchestratorClient.For(context, server);
    }
}
