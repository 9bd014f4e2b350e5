namespace Epy.Contracts.Runs;

/// <summary>
/// What a stage task's exit code means: the stage program's own codes (<see cref="Success"/>,
/// <see cref="Usage"/>, <see cref="BadInput"/>, <see cref="Transient"/>) and the codes Cloud Batch gives a
/// task whose VM failed (<see cref="VmFailures"/>) or that the kernel killed (<see cref="Killed"/>).
/// </summary>
public static class StageExitCodes
{
    /// <summary>The stage did its work.</summary>
    public const int Success = 0;

    /// <summary>The command line is wrong (no or unknown stage).</summary>
    public const int Usage = 2;

    /// <summary>
    /// Bad input, not worth retrying: a config error, a corrupted or missing input, a missing setting.
    /// Running the task again gives the same failure.
    /// </summary>
    public const int BadInput = 3;

    /// <summary>A transient failure worth retrying: an I/O or network error.</summary>
    public const int Transient = 4;

    /// <summary>Killed by SIGKILL (128 + 9), most often by the kernel's out-of-memory killer.</summary>
    public const int Killed = 137;

    /// <summary>The code Cloud Batch gives a task whose Spot VM was preempted.</summary>
    public const int SpotPreempted = 50001;

    /// <summary>The codes Cloud Batch gives a task whose VM was preempted or lost, 50001 to 50006.</summary>
    public static IReadOnlyList<int> VmFailures { get; } = [50001, 50002, 50003, 50004, 50005, 50006];

    /// <summary>The codes retried unless a run's policy says otherwise: <see cref="Transient"/> and <see cref="VmFailures"/>.</summary>
    public static IReadOnlyList<int> RetriedByDefault { get; } = [Transient, .. VmFailures];

    /// <summary>A few words on <paramref name="code"/> (null: the task reported none).</summary>
    public static string Meaning(int? code) => code switch
    {
        null => "no exit code reported",
        Success => "success",
        Usage => "usage error",
        BadInput => "bad input: not retried",
        Transient => "transient failure: worth retrying",
        >= 50001 and <= 50006 => "the VM was lost or preempted",
        Killed => "killed (out of memory?)",
        _ => "failed",
    };
}
