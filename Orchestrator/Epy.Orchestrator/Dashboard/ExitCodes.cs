namespace Epy.Orchestrator.Dashboard;

/// <summary>What a stage task's exit code means (the stage program's codes and Batch's VM codes).</summary>
public static class ExitCodes
{
    /// <summary>The stage program refused its input: running it again gives the same failure.</summary>
    public const int BadInput = 3;

    /// <summary>A few words on <paramref name="code"/>.</summary>
    public static string Meaning(int? code) => code switch
    {
        null => "no exit code reported",
        0 => "success",
        2 => "usage error",
        BadInput => "bad input: not retried",
        4 => "transient failure: worth retrying",
        >= 50001 and <= 50006 => "the VM was lost or preempted",
        137 => "killed (out of memory?)",
        _ => "failed",
    };
}
