using Epy.Contracts.Runs;

namespace Epy.Reliability.Tests.Faults;

/// <summary>
/// The life of one simulated orchestrator process. Once killed, every port call of the instance throws
/// <see cref="ProcessKilled"/>, so nothing it had in flight gets further than its next I/O (as when the
/// process is gone); the world then starts a fresh instance over the same store. <paramref name="owed"/>
/// (asked at every chance of a kill) says a kill is due whatever the rate: the world owes each wave
/// one, so a pass never ends without a restart by the luck of the draw.
/// </summary>
public sealed class KillSwitch(SeededRandom random, FaultRates rates, FaultLedger ledger, Func<bool> mayKill, Func<bool> owed, Action<KillSwitch> onKilled)
{
    private int _dead;

    /// <summary>True once the process was killed.</summary>
    public bool Dead => Volatile.Read(ref _dead) == 1;

    /// <summary>Throws when the process is dead.</summary>
    public void ThrowIfDead()
    {
        if (Dead)
            throw new ProcessKilled();
    }

    /// <summary>Kills the process here with the rate of <paramref name="kind"/>.</summary>
    public void MaybeKill(FaultKind kind, RunId run)
    {
        ThrowIfDead();
        var rate = kind switch
        {
            FaultKind.KilledBetweenCommitAndCommand => rates.KillAfterCommit,
            FaultKind.KilledDuringCommand => rates.KillDuringCommand,
            FaultKind.KilledBeforeOutboxCleared => rates.KillBeforeOutboxCleared,
            _ => 0,
        };
        if (rate == 0 || !(owed() || random.Chance(rate)) || !mayKill() || Interlocked.Exchange(ref _dead, 1) == 1)
            return;
        ledger.Inject(kind, run);
        onKilled(this);
        throw new ProcessKilled($"killed: {kind}");
    }

    /// <summary>Before or after <paramref name="call"/> (by a coin), the process may die (a kill during a command).</summary>
    public async Task<T> AroundCommandAsync<T>(RunId run, Func<Task<T>> call)
    {
        var before = random.Chance(0.5);
        if (before)
            MaybeKill(FaultKind.KilledDuringCommand, run);
        else
            ThrowIfDead();
        var result = await call();
        if (!before)
            MaybeKill(FaultKind.KilledDuringCommand, run);
        return result;
    }
}
