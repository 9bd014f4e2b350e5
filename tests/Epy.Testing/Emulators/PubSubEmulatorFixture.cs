
namespace Epy.Testing.Emulators;

/// <summary>
/// One Pub/Sub emulator for the tests of the <see cref="FirestoreEmulatorGroup"/> that need it, started
/// by the first of them (the Firestore-only tests do not pay for it). Tests keep apart by topic names.
/// </summary>
public sealed class PubSubEmulatorFixture : IAsyncLifetime
{
    /// <summary>The Google Cloud project of every topic and subscription (the fake Batch's project too).</summary>
    public const string Project = "test-project";

    private readonly Lazy<Task<EmulatorProcess>> _emulator = new(EmulatorProcess.StartPubSubAsync);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private int _names;

    /// <summary>A client of the emulator, started if it is not yet.</summary>
    public async Task<PubSubEmulatorClient> ClientAsync() => new(Http, (await _emulator.Value).BaseAddress);

    /// <summary>A topic name unique within this run: <c>projects/test-project/topics/{prefix}-{n}</c>.</summary>
    public string NewTopic(string prefix) => $"projects/{Project}/topics/{prefix}-{Interlocked.Increment(ref _names)}";

    /// <summary>A subscription name unique within this run.</summary>
    public string NewSubscription(string prefix) => $"projects/{Project}/subscriptions/{prefix}-{Interlocked.Increment(ref _names)}";

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_emulator.IsValueCreated)
            await (await _emulator.Value).DisposeAsync();
    }
}
