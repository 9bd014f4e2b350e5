namespace Epy.Contracts.Reading;

/// <summary>
/// Reads a whole file with a bound on its size, counted while reading: a device such as <c>/dev/zero</c>
/// or a file that grows says nothing true in its length, so the length is never trusted.
/// </summary>
public static class BoundedFile
{
    /// <summary>The bytes of <paramref name="path"/>, or null when it holds more than <paramref name="maxBytes"/>.</summary>
    public static byte[]? ReadAllBytes(string path, long maxBytes)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        return ReadAll(file, maxBytes);
    }

    /// <summary>The rest of <paramref name="stream"/>, or null when it holds more than <paramref name="maxBytes"/>.</summary>
    public static byte[]? ReadAll(Stream stream, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
