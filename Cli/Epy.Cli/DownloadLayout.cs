namespace Epy.Cli;

/// <summary>
/// Where <c>epycloud download</c> puts each file. <see cref="DownloadNameFormat.RunFolder"/> keeps the run's folder:
/// <c>{dest}/{exp_id}/{run_id}/{name}</c>. The original epycloud's <c>--name-format long|short</c> writes flat names
/// into <c>{dest}/{exp_id}/</c>, and <c>--nest-runs</c> adds the <c>{run_id}/</c> folder between them. Pure.
/// </summary>
/// <param name="Format">How files are named.</param>
/// <param name="NestRuns">With a flat format: a folder per run under the experiment's.</param>
public sealed record DownloadLayout(DownloadNameFormat Format = DownloadNameFormat.RunFolder, bool NestRuns = false)
{
    /// <summary>The layout of the command line: <c>--nest-runs</c> alone means the original's default names (long).</summary>
    public static DownloadLayout From(string? nameFormat, bool nestRuns) => nameFormat?.ToLowerInvariant() switch
    {
        null => new DownloadLayout(nestRuns ? DownloadNameFormat.Flattened : DownloadNameFormat.RunFolder, nestRuns),
        "path" => nestRuns
            ? throw CliException.Configuration("--nest-runs goes with --name-format long or short", "--name-format path always keeps the run's folder")
            : new DownloadLayout(),
        "long" => new DownloadLayout(DownloadNameFormat.Flattened, nestRuns),
        "short" => new DownloadLayout(DownloadNameFormat.FileName, nestRuns),
        var other => throw CliException.Configuration($"--name-format '{other}' is not a format", "use path, long or short"),
    };

    /// <summary>The path of the file <paramref name="name"/> (a name in the run's folder, '/'-separated) of run <paramref name="runId"/> of <paramref name="expId"/>.</summary>
    public string LocalPath(string destination, string expId, string runId, string name)
    {
        ArgumentNullException.ThrowIfNull(expId);
        ArgumentNullException.ThrowIfNull(name);
        return Format switch
        {
            DownloadNameFormat.Flattened => Path.Combine([destination, .. expId.Split('/'), .. Nest(runId), $"{expId}/{runId}/{name}".Replace('/', '_')]),
            DownloadNameFormat.FileName => Path.Combine([destination, .. expId.Split('/'), .. Nest(runId), name[(name.LastIndexOf('/') + 1)..]]),
            _ => Path.Combine([destination, .. expId.Split('/'), runId, .. name.Split('/')]),
        };
    }

    private string[] Nest(string runId) => NestRuns ? [runId] : [];
}
