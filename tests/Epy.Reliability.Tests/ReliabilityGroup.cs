using Epy.Testing.Emulators;

namespace Epy.Reliability.Tests;

/// <summary>The fault-injection passes, one after the other (each loads the machine), sharing one Firestore emulator.</summary>
[CollectionDefinition(Name)]
public sealed class ReliabilityGroup : ICollectionFixture<FirestoreEmulatorFixture>
{
    public const string Name = "Reliability";
}
