namespace Epy.Reliability.Tests;

/// <summary>
/// The cloud fault-injection pass: run with <c>EPY_RELIABILITY_CLOUD=1</c> (or the long mode,
/// <c>EPY_RELIABILITY_LONG=1</c>), skipped with that reason otherwise. In one of four CI-sized runs on a loaded
/// machine, 3 of its 20 runs were not settled within the wave's 240 s (a lost event not yet fed by the reconciler,
/// an outbox command not yet re-driven) while the Firestore emulator was timing out locks; until that is understood
/// it does not gate CI (issue 7's note).
/// </summary>
public sealed class CloudPassFactAttribute : FactAttribute
{
    /// <summary>Skips unless the cloud pass is asked for.</summary>
    public CloudPassFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("EPY_RELIABILITY_CLOUD") != "1" && Environment.GetEnvironmentVariable("EPY_RELIABILITY_LONG") != "1")
            Skip = "the cloud fault-injection pass runs with EPY_RELIABILITY_CLOUD=1 (or EPY_RELIABILITY_LONG=1); see issue 7";
    }
}
