namespace Epy.Stages.Tests.Storage;

/// <summary>Deterministic test content: no two nearby bytes repeat in step, so misplaced chunks show.</summary>
public static class ArtifactBytes
{
    public static byte[] Make(int length, int seed = 7)
    {
        var bytes = new byte[length];
        uint state = (uint)seed * 2654435761u + 1;
        for (var i = 0; i < length; i++)
        {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            bytes[i] = (byte)state;
        }

        return bytes;
    }

    public static async Task<byte[]?> ReadAllAsync(Stream? stream)
    {
        if (stream is null)
        {
            return null;
        }

        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        }
    }
}
