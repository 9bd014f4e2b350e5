namespace Epy.Cli;

/// <summary>How <c>epycloud download</c> names the files it writes (<c>--name-format</c>).</summary>
public enum DownloadNameFormat
{
    /// <summary>path (the default): the file's path in the run's folder, under <c>{exp_id}/{run_id}/</c>.</summary>
    RunFolder,

    /// <summary>long, the original epycloud's default: the file's bucket path after the prefix, '/' flattened to '_' (<c>flu_20261124-..._outputs_x.csv</c>).</summary>
    Flattened,

    /// <summary>short: the file's own name only (<c>x.csv</c>).</summary>
    FileName,
}
