using Epy.Orchestrator.Cloud.Firestore;
using Epy.Orchestrator.Cloud.Tests.Emulators;
using Epy.Orchestrator.Cloud.Tests.RunStores;
using Epy.Orchestrator.Ports;

namespace Epy.Orchestrator.Cloud.Tests.Firestore;

/// <summary>The contract on Firestore, on Google's emulator (a project per test).</summary>
[Collection(FirestoreEmulatorGroup.Name)]
public sealed class FirestoreRunStoreContractTests(FirestoreEmulatorFixture emulator) : RunStoreContract
{
    private IRunStore? _store;

    // Lazily: the base class's clock does not exist yet while this class's initialisers run.
    protected override IRunStore Store => _store ??= new FirestoreRunStore(emulator.Client(emulator.NewProject()), Time);
}
