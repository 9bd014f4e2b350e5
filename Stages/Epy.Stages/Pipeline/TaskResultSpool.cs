using System.Collections;
using System.IO.Compression;
using System.Text;
using Epy.Contracts.Builder;
using Epy.Contracts.Runs;
using Epy.Engine.Calibration;
using Epy.Stages.Outputs;

namespace Epy.Stages.Pipeline;

/// <summary>
/// Stage C's results, streamed: the run folder's N results are read once, each one's projection (and
/// calibration) spilled to a local temporary folder and released; every enumeration then reads them back
/// one at a time, in task order, as <see cref="LocationResult"/>s. Memory holds one result at a time plus a
/// few numbers per task, never the N results: an output that folds results one by one needs no more than
/// its largest group. Disposing deletes the spill folder.
/// </summary>
public sealed class TaskResultSpool : IEnumerable<LocationResult>, IDisposable
{
    private readonly DirectoryInfo _folder;
    private List<Entry> _entries = [];
    private readonly List<MissingResult> _missing = [];
    private TaskResultSpool(DirectoryInfo folder) => _folder = folder;

    /// <summary>The results that were read, in task order.</summary>
    public int Count => _entries.Count;

    /// <summary>The tasks whose result is missing or unreadable.</summary>
    public IReadOnlyList<MissingResult> Missing => _missing;

    /// <summary>The tasks' own time, summed in task order, in seconds.</summary>
    public double ElapsedSeconds { get; private set; }

    /// <summary>
    /// Reads the <paramref name="taskCount"/> results of <paramref name="run"/> one at a time; one that is missing
    /// or unreadable is listed in <see cref="Missing"/>. The calibration is kept for a calibration run only.
    /// </summary>
    public static async Task<TaskResultSpool> ReadAsync(RunFolder run, int taskCount, TaskKind kind, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var spool = new TaskResultSpool(Directory.CreateTempSubdirectory("epy-results-"));
        try
        {
            for (var i = 0; i < taskCount; i++)
            {
                TaskResult result;
                try
                {
                    result = await run.ReadJsonGzAsync(run.Paths.TaskResult(i), PipelineJsonContext.Default.TaskResult, cancellationToken).ConfigureAwait(false);
                }
                catch (StageException e) when (e.ExitCode == StageExitCodes.BadInput)
                {
                    spool._missing.Add(new MissingResult(i, e.Message));
                    continue;
                }
                spool.Add(result, kind == TaskKind.Calibration);
            }
            spool._entries = [.. spool._entries.OrderBy(e => e.TaskIndex)];
            return spool;
        }
        catch
        {
            spool.Dispose();
            throw;
        }
    }

    private void Add(TaskResult result, bool keepCalibration)
    {
        var name = Path.Combine(_folder.FullName, _entries.Count.ToString("D5", System.Globalization.CultureInfo.InvariantCulture));
        Spill(name + ".projection", result.Projection.GetRawText());
        var calibration = keepCalibration && result.Calibration is { } c ? name + ".calibration" : null;
        if (calibration is not null)
            Spill(calibration, result.Calibration!.Value.GetRawText());
        _entries.Add(new Entry(result.TaskIndex, result.Location, result.Seed, name + ".projection", calibration));
        ElapsedSeconds += result.ElapsedSeconds;
    }

    /// <summary>The results, read back one at a time in task order.</summary>
    public IEnumerator<LocationResult> GetEnumerator()
    {
        foreach (var entry in _entries)
        {
            yield return new LocationResult(entry.TaskIndex, entry.Location, entry.Seed, Projection.FromJson(Unspill(entry.Projection)),
                entry.Calibration is { } calibration ? CalibrationResult.FromJson(Unspill(calibration)) : null);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Deletes the spill folder.</summary>
    public void Dispose()
    {
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is no reason to fail the stage.
        }
    }

    private static void Spill(string path, string json)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var writer = new StreamWriter(gzip, new UTF8Encoding(false));
        writer.Write(json);
    }

    private static string Unspill(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private sealed record Entry(int TaskIndex, string Location, ulong Seed, string Projection, string? Calibration);
}
