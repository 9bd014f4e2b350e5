using Epy.Contracts.Runs;

namespace Epy.Orchestrator.Cloud.Firestore;

/// <summary>
/// The highest version this process has seen of recently touched runs: a lower bound of each run's
/// current version (versions only grow), so a commit from an older version is a conflict without asking
/// Firestore. Lossy (a fixed table, runs may evict each other) and never wrong, only silent.
/// </summary>
internal sealed class VersionHints
{
    private readonly Hint?[] _slots = new Hint?[1024];

    /// <summary>Notes that <paramref name="run"/> was seen at <paramref name="version"/>.</summary>
    public void Saw(RunId run, long version)
    {
        ref var slot = ref _slots[Slot(run)];
        var current = Volatile.Read(ref slot);
        // A racing writer may put back a lower version: still a version the run had, so still a lower bound.
        if (current is null || current.Run != run || current.Version < version)
            Volatile.Write(ref slot, new Hint(run, version));
    }

    /// <summary>True when <paramref name="run"/> is known to be past <paramref name="version"/>.</summary>
    public bool IsPast(RunId run, long version) => Volatile.Read(ref _slots[Slot(run)]) is { } hint && hint.Run == run && hint.Version > version;

    private int Slot(RunId run) => (int)((uint)StringComparer.Ordinal.GetHashCode(run.Value) % (uint)_slots.Length);

    private sealed record Hint(RunId Run, long Version);
}
