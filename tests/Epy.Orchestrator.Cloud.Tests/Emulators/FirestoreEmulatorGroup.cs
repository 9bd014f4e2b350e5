namespace Epy.Orchestrator.Cloud.Tests.Emulators;

/// <summary>The tests that share one Firestore emulator.</summary>
[CollectionDefinition(Name)]
public sealed class FirestoreEmulatorGroup : ICollectionFixture<FirestoreEmulatorFixture>
{
    public const string Name = "Firestore emulator";
}
