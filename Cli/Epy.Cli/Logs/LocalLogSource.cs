using System.Globalization;
using System.Text;
using Epy.Contracts.Runs;

namespace Epy.Cli.Logs;

/// <summary>
/// A run's task log files in the local state folder (<c>{logs}/{run_id}/{job_id}/task_00000.log</c>, written
/// by the local job runner): stage A, B, C in order, attempts in order, tasks in order. Lines carry no time or
/// severity; <c>--since</c> keeps files written since then. Polling reads what was appended.
/// </summary>
public sealed class LocalLogSource(string logsRoot, LogQuery query) : ILogSource
{
    private readonly Dictionary<string, long> _offsets = new(StringComparer.Ordinal);

    /// <summary>The run's log folder.</summary>
    public string RunFolder => Path.Combine(logsRoot, query.Run.Value);

    /// <inheritdoc />
    public Task<IReadOnlyList<LogLine>> ReadAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(RunFolder))
            throw CliException.Failed($"no logs of run {query.Run} in {logsRoot}", "check the run id and --state-dir ('epycloud runs list'); a run has logs once its first job starts");
        var lines = ReadNew();
        if (query.Tail is { } tail)
            lines = [.. lines.Skip(Math.Max(0, lines.Count - tail))];
        return Task.FromResult<IReadOnlyList<LogLine>>(lines);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LogLine>> PollAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<LogLine>>(ReadNew());

    private List<LogLine> ReadNew()
    {
        var lines = new List<LogLine>();
        foreach (var (job, task, file) in Files())
        {
            var info = new FileInfo(file);
            if (!_offsets.ContainsKey(file) && query.Since is { } since && info.LastWriteTimeUtc < since.UtcDateTime)
                continue;
            var offset = _offsets.GetValueOrDefault(file);
            if (info.Length <= offset)
                continue;
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.Seek(offset, SeekOrigin.Begin);
            var bytes = new byte[info.Length - offset];
            stream.ReadExactly(bytes);
            // Only whole lines: a line still being written is read on the next poll.
            var end = Array.LastIndexOf(bytes, (byte)'\n');
            if (end < 0)
                continue;
            _offsets[file] = offset + end + 1;
            foreach (var text in Encoding.UTF8.GetString(bytes, 0, end).Split('\n'))
                lines.Add(new LogLine(null, "DEFAULT", job.Stage.Command(), job.Stage == Stage.Runner ? task : null, text.TrimEnd('\r')));
        }
        return lines;
    }

    private IEnumerable<(JobId Job, int Task, string File)> Files()
    {
        if (!Directory.Exists(RunFolder))
            yield break;
        var jobs = Directory.EnumerateDirectories(RunFolder)
            .Select(d => JobId.TryParse(Path.GetFileName(d), out var id) ? (Id: id, Folder: d) : default)
            .Where(j => j.Id is not null && (query.Stage is null || j.Id.Stage == query.Stage))
            .OrderBy(j => j.Id!.Stage).ThenBy(j => j.Id!.Attempt);
        foreach (var (id, folder) in jobs)
        {
            var tasks = Directory.EnumerateFiles(folder, "task_*.log")
                .Select(f => (Index: int.TryParse(Path.GetFileNameWithoutExtension(f)[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1, File: f))
                .Where(t => t.Index >= 0 && (query.TaskIndex is null || t.Index == query.TaskIndex))
                .OrderBy(t => t.Index);
            foreach (var (index, file) in tasks)
                yield return (id!, index, file);
        }
    }
}
