using System.IO.Compression;
using System.Text;

namespace Epy.Stages.Outputs;

/// <summary>
/// Writes a gzip-compressed text file atomically: into a temporary file beside the target, flushed
/// to disk, then renamed over it. A writer that throws leaves neither a partial file nor the
/// temporary one.
/// </summary>
public static class GzipCsv
{
    /// <summary>Writes <paramref name="path"/> with what <paramref name="write"/> produces (UTF-8 without BOM, line feeds).</summary>
    /// <exception cref="Exception">Whatever <paramref name="write"/> throws, after cleaning up.</exception>
    public static void Write(string path, Action<TextWriter> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                using (var gzip = new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true))
                using (var text = new StreamWriter(gzip, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
                {
                    text.NewLine = "\n";
                    write(text);
                }
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Reads back a file <see cref="Write"/> wrote.</summary>
    public static string ReadAllText(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original failure matters more than a leftover temporary file.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
