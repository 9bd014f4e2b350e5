namespace Epy.Orchestrator.Local;

/// <summary>
/// One local orchestrator per state folder: an exclusive lock on <c>orchestrator.lock</c> beside the
/// database, held while the local mode runs. A second orchestrator on the folder would take the first
/// one's running jobs for those of a dead process and kill them. The kernel drops the lock when its
/// process ends, however it ends, and child processes do not inherit it.
/// </summary>
public sealed class StateFolderLock(LocalModeOptions options) : IDisposable
{
    private readonly Lock _gate = new();
    private FileStream? _held;

    /// <summary>The lock file.</summary>
    public string LockFile { get; } = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.DatabasePath))!, "orchestrator.lock");

    /// <summary>Takes the lock, or throws <see cref="StateFolderInUseException"/> when another orchestrator holds it.</summary>
    public void Acquire()
    {
        lock (_gate)
        {
            if (_held is not null)
                return;
            Directory.CreateDirectory(Path.GetDirectoryName(LockFile)!);
            try
            {
                _held = new FileStream(LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException busy)
            {
                throw new StateFolderInUseException(
                    $"another epycloud orchestrator is using the state folder {Path.GetDirectoryName(LockFile)} ({LockFile} is locked): " +
                    "stop it, or reach it with --server, or use another --state-dir", busy);
            }
        }
    }

    /// <summary>Lets the lock go.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _held?.Dispose();
            _held = null;
        }
    }
}
