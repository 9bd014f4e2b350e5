namespace Epy.Orchestrator.Cloud.Tests.Emulators;

/// <summary>
/// The tests that share one Firestore emulator (and, for those that push job events, one Pub/Sub
/// emulator, started on first use).
/// </summary>
[CollectionDefinition(Name)]
public sealed class FirestoreEmulatorGroup : ICollectionFixture<FirestoreEmulatorFixture>, ICollectionFixture<PubSubEmulatorFixture>
{
    public const string Name = "Firestore emulator";
}
