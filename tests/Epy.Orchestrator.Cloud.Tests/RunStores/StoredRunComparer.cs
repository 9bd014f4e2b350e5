using Epy.Orchestrator.Ports;

namespace Epy.Orchestrator.Cloud.Tests.RunStores;

/// <summary>Compares stored runs by value, outbox included (the record compares its outbox by reference).</summary>
public sealed class StoredRunComparer : IEqualityComparer<StoredRun>
{
    public bool Equals(StoredRun? x, StoredRun? y) =>
        x is not null && y is not null && x.State == y.State && x.Policy == y.Policy && x.Version == y.Version && x.Outbox.SequenceEqual(y.Outbox);

    public int GetHashCode(StoredRun obj) => obj.State.Run.GetHashCode();
}
