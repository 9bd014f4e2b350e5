namespace Epy.Stages.Pipeline;

/// <summary>What the stage program's exit code tells the orchestrator.</summary>
public static class ExitCodes
{
    /// <summary>The stage did its work.</summary>
    public const int Success = 0;

    /// <summary>The command line is wrong (no or unknown stage).</summary>
    public const int Usage = 2;

    /// <summary>Bad input, not worth retrying: a config error, a corrupted or missing input, a missing setting.</summary>
    public const int BadInput = 3;

    /// <summary>A transient failure worth retrying: an I/O or network error.</summary>
    public const int Transient = 4;
}
