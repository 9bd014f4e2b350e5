using Epy.Google.Firestore;
using Epy.Google.Auth;
using Epy.Orchestrator.Cloud.Firestore;

namespace Epy.Testing.Emulators;

/// <summary>
/// One Firestore emulator for every test of the <see cref="FirestoreEmulatorGroup"/>. Each client gets a
/// project of its own, so tests never see each other's documents and need no reset.
/// </summary>
public sealed class FirestoreEmulatorFixture : IAsyncLifetime
{
    private EmulatorProcess? _emulator;
    private int _projects;

    /// <summary>The emulator's address.</summary>
    public Uri BaseAddress => (_emulator ?? throw new InvalidOperationException("the emulator is not started")).BaseAddress;

    /// <summary>A fresh project id, unique within this run.</summary>
    public string NewProject() => $"test-{Interlocked.Increment(ref _projects)}";

    /// <summary>Options for <paramref name="project"/> on the emulator, with quick retries.</summary>
    public FirestoreOptions Options(string project) => new()
    {
        ProjectId = project,
        BaseAddress = BaseAddress,
        TransientDelay = TimeSpan.FromMilliseconds(20),
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>A client of <paramref name="project"/>, its calls passing through <paramref name="handler"/> when given.</summary>
    public FirestoreClient Client(string project, DelegatingHandler? handler = null, TimeProvider? time = null, Action<FirestoreOptions>? configure = null)
    {
        var options = Options(project);
        configure?.Invoke(options);
        HttpMessageHandler inner = new SocketsHttpHandler();
        if (handler is not null)
        {
            handler.InnerHandler = inner;
            inner = handler;
        }
        return new FirestoreClient(new HttpClient(inner), new NoAccessToken(), options, time ?? TimeProvider.System);
    }

    /// <inheritdoc />
    public async Task InitializeAsync() => _emulator = await EmulatorProcess.StartFirestoreAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_emulator is not null)
            await _emulator.DisposeAsync();
    }
}
