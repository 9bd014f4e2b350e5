using System.Text;

namespace Epy.Orchestrator.Local;

/// <summary>The end of a task log: what a failure banner or the terminal shows of it.</summary>
public static class LogTail
{
    // A task log can be large (a runner's progress lines): only its end is read.
    private const int TailBytes = 64 * 1024;

    /// <summary>The last <paramref name="lines"/> non-empty lines of <paramref name="file"/>; empty when it cannot be read.</summary>
    public static IReadOnlyList<string> Read(string file, int lines)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var skipped = stream.Length > TailBytes;
            if (skipped)
                stream.Seek(-TailBytes, SeekOrigin.End);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var all = reader.ReadToEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            if (skipped && all.Count > 0)
                all.RemoveAt(0); // the first line was cut by the seek
            return all.Where(l => l.Length > 0).TakeLast(lines).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
