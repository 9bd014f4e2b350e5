using System.CommandLine;

namespace Epy.Cli;

/// <summary>The examples <c>--help</c> shows under a command's description, one table for the whole tool.</summary>
public static class CommandExamples
{
    /// <summary>Examples by command path (as typed after <c>epycloud</c>).</summary>
    public static IReadOnlyDictionary<string, string[]> ByCommand { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["run"] =
        [
            "epycloud run --local --exp-id flu-example --project-dir examples/forecast-repo",
            "epycloud run --local --exp-id flu-example --run-id 20261207-024356-5c363f80   # resume a failed or stopped run",
            "epycloud run --exp-id flusight-2025-26 --wait --yes   # on the configured orchestrator",
        ],
        ["run job"] =
        [
            "epycloud run job --stage A --exp-id flu-example --local --project-dir examples/forecast-repo",
            "epycloud run job --stage B --exp-id flu-example --run-id 20261207-024356-5c363f80 --task-index 0 --local",
            "epycloud run job --stage A --exp-id flusight-2025-26 --wait   # one Cloud Batch job in the configured project",
            "epycloud run job --stage B --exp-id flusight-2025-26 --run-id 20261207-024356-5c363f80 --task-index 12 --dry-run",
        ],
        ["status"] = ["epycloud status --watch", "epycloud status -w -n 5 -r latest", "epycloud status --server https://epy-orchestrator-xyz.a.run.app"],
        ["workflow list"] = ["epycloud workflow list --status ACTIVE", "epycloud workflow list --exp-id flu-example --limit 5"],
        ["workflow logs"] = ["epycloud workflow logs latest --follow"],
        ["experiment list"] = ["epycloud experiment list --latest --format args", "epycloud experiment list -e 'flu-*' --format uri"],
        ["runs list"] = ["epycloud runs list -n 5", "epycloud runs list --exp-id flu-example --state failed --since 7d"],
        ["runs show"] = ["epycloud runs show latest", "epycloud runs show 5c36 --output json"],
        ["runs resume"] = ["epycloud runs resume latest"],
        ["logs"] = ["epycloud logs --run-id latest --stage b --task-index 3 --tail 50", "epycloud logs --run-id latest --follow"],
        ["download"] =
        [
            "epycloud download --exp-id flu-example",
            "epycloud download --exp-id flusight-2025-26 --hub-layout --dest ~/FluSight-forecast-hub",
            "epycloud download -e flu-example --name-format short --nest-runs",
        ],
        ["build dev"] = ["epycloud build dev --dry-run"],
        ["validate"] = ["epycloud validate --exp-id flu-example --project-dir examples/forecast-repo"],
        ["serve"] = ["epycloud serve --local --project-dir examples/forecast-repo   # then open http://127.0.0.1:8765/"],
    };

    /// <summary>Appends each command's examples to its description, under <paramref name="root"/>.</summary>
    public static void AddTo(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        foreach (var (path, examples) in ByCommand)
        {
            Command command = root;
            foreach (var name in path.Split(' '))
                command = command.Subcommands.Single(c => c.Name == name);
            command.Description += "\n\nExamples:\n" + string.Join("\n", examples.Select(e => "  " + e));
        }
    }
}
