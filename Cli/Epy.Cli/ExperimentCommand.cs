using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Epy.Cli.Storage;
using Epy.Cli.Targets;

namespace Epy.Cli;

/// <summary><c>epycloud experiment list</c>: the experiments and runs in the bucket (or the local state folder).</summary>
public static class ExperimentCommand
{
    /// <summary>One row of the listing.</summary>
    /// <param name="ExpId">The experiment.</param>
    /// <param name="RunId">The run.</param>
    /// <param name="StartedAt">When the run started (from its id).</param>
    /// <param name="Outputs">How many files its <c>outputs/</c> holds.</param>
    /// <param name="Location">Where the run's folder is.</param>
    public sealed record Row(string ExpId, string RunId, DateTimeOffset StartedAt, int Outputs, string Location);

    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var expId = new Option<string>("--exp-id", "-e", "--exp-filter") { Description = "Only experiments whose id matches this glob (* within a '/' segment, ** across)", DefaultValueFactory = _ => "**" };
        var latest = new Option<bool>("--latest") { Description = "Only the newest run of each experiment" };
        var output = new Option<string>("--output", "-o", "--format")
        {
            Description = "table (for people), json (for scripts), uri (each run's folder: gs://bucket/prefix/exp_id/run_id/, or the local path) or args (--exp-id ID --run-id R, to paste after another command)",
            DefaultValueFactory = _ => "table",
        };
        output.AcceptOnlyFromAmong("table", "json", "uri", "args");
        var list = new Command("list", "List experiments and their runs, newest first, with how many output files each has")
        {
            expId, latest, output, TargetOptions.Bucket, TargetOptions.DirPrefix, TargetOptions.Local, TargetOptions.ProjectDir, TargetOptions.StateDir,
        };
        CliAction.Set(list, async (context, parse, ct) =>
        {
            var target = TargetOptions.Storage(parse, context);
            var reader = BucketReaders.Open(target, name => context.Variables.GetValueOrDefault(name), TimeSpan.FromMinutes(2));
            var rows = await ListAsync(reader, target, new GlobPattern(parse.GetValue(expId)!), parse.GetValue(latest), ct).ConfigureAwait(false);
            Print(rows, parse.GetValue(output)!, target, context.Out);
            return ExitCodes.Ok;
        }, TargetOptions.ProjectDir);
        var command = new Command("experiment", "Experiments in the bucket (google_cloud.bucket_name, storage.dir_prefix), or in the local state folder when no bucket is set (or with --local)");
        command.Subcommands.Add(list);
        return command;
    }

    /// <summary>The runs of the experiments matching <paramref name="pattern"/> (only the newest of each when <paramref name="latestOnly"/>).</summary>
    public static async Task<IReadOnlyList<Row>> ListAsync(IBucketReader reader, StorageTarget target, GlobPattern pattern, bool latestOnly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(target);
        var catalog = new RunCatalog(reader, target.DirPrefix);
        var rows = new List<Row>();
        foreach (var experiment in await catalog.FindAsync(pattern, cancellationToken).ConfigureAwait(false))
        {
            foreach (var run in latestOnly ? experiment.Runs.Take(1) : experiment.Runs)
            {
                var root = catalog.RunRoot(experiment.ExpId, run);
                var outputs = await reader.ListAsync(root + "outputs/", delimited: false, cancellationToken).ConfigureAwait(false);
                rows.Add(new Row(experiment.ExpId, run.Value, ExperimentRuns.StartedAt(run), outputs.Objects.Count, target.Describe(root)));
            }
        }
        return rows;
    }

    /// <summary>
    /// Prints <paramref name="rows"/> in <paramref name="format"/>: <c>table</c>, <c>json</c> (an array), <c>uri</c> (a run's
    /// folder a line, ending in '/') or <c>args</c> (<c>--exp-id ID --run-id R</c> a line), as the original epycloud's formats.
    /// </summary>
    public static void Print(IReadOnlyList<Row> rows, string format, StorageTarget target, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(output);
        switch (format)
        {
            case "json":
                output.WriteLine(JsonSerializer.Serialize(rows, CliJson.Options));
                return;
            case "uri":
                foreach (var row in rows)
                    output.WriteLine(row.Location.EndsWith('/') ? row.Location : row.Location + "/");
                return;
            case "args":
                foreach (var row in rows)
                    output.WriteLine($"--exp-id {row.ExpId} --run-id {row.RunId}");
                return;
        }
        if (rows.Count == 0)
        {
            output.WriteLine($"no runs under {target.Describe(target.DirPrefix)}");
            return;
        }
        var width = Math.Max("EXP_ID".Length, rows.Max(r => r.ExpId.Length));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"EXP_ID".PadRight(width)}  {"RUN_ID",-24}  {"STARTED (UTC)",-19}  OUTPUTS"));
        foreach (var row in rows)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.ExpId.PadRight(width)}  {row.RunId,-24}  {row.StartedAt:yyyy-MM-dd HH:mm:ss}  {row.Outputs}"));
    }
}
