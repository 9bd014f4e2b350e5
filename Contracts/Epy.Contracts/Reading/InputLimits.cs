namespace Epy.Contracts.Reading;

/// <summary>
/// How much of a file the product reads before it gives up: the bounds that keep a hostile or careless
/// file (a YAML nested 20,000 deep, a gzip bomb, <c>/dev/zero</c> as a CSV) from crashing a process or
/// exhausting its memory. A file past a bound is bad input, named with the bound it broke.
/// </summary>
public static class InputLimits
{
    /// <summary>The deepest nesting of mappings and lists a YAML document may have (configs use fewer than 10).</summary>
    public const int MaxYamlDepth = 64;

    /// <summary>
    /// The most YAML nodes a document may hold, aliases counted as the nodes they repeat (so an alias
    /// "billion laughs" is refused while it is read, not expanded by whoever walks the tree).
    /// </summary>
    public const long MaxYamlNodes = 1_000_000;

    /// <summary>The largest YAML file read, in bytes (16 MiB; configs are a few kilobytes).</summary>
    public const long MaxYamlBytes = 16L * 1024 * 1024;

    /// <summary>The largest CSV data file read, in bytes (256 MiB).</summary>
    public const long MaxCsvBytes = 256L * 1024 * 1024;

    /// <summary>The most bytes a gzip task input may decompress to (64 MiB; inputs are configs and observations, kilobytes).</summary>
    public const long MaxTaskInputBytes = 64L * 1024 * 1024;

    /// <summary>The most bytes a gzip task result may decompress to (512 MiB; trajectories of a large task).</summary>
    public const long MaxTaskResultBytes = 512L * 1024 * 1024;
}
