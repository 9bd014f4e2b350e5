using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Epy.Testing.Gcs;

/// <summary>
/// The hashes Cloud Storage reports and the official client checks: <c>crc32c</c> and <c>md5Hash</c> in the
/// object resource (base64, CRC32C big-endian), and <c>x-goog-hash: crc32c=…,md5=…</c> on media downloads.
/// </summary>
public sealed partial class FakeGcsServer
{
    private static readonly uint[] Crc32cTable = BuildCrc32cTable();
    private int _corruptNext;

    /// <summary>The next <paramref name="count"/> media downloads flip a byte but keep the stored hashes, as a damaged transfer would.</summary>
    public void CorruptNextDownloads(int count)
    {
        lock (_gate)
        {
            _corruptNext = count;
        }
    }

    private static string Crc32cBase64(byte[] data)
    {
        var crc = ~0u;
        foreach (var b in data)
        {
            crc = Crc32cTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, ~crc);
        return Convert.ToBase64String(bytes);
    }

#pragma warning disable CA5351 // MD5 is what Cloud Storage reports (md5Hash), an integrity check, not security
    private static string Md5Base64(byte[] data) => Convert.ToBase64String(MD5.HashData(data));
#pragma warning restore CA5351

    private static string GoogHash(byte[] data) => $"crc32c={Crc32cBase64(data)},md5={Md5Base64(data)}";

    /// <summary>The bytes a media download sends: the stored ones, or a damaged copy when a fault is armed.</summary>
    private byte[] Transferred(byte[] data)
    {
        if (_corruptNext <= 0 || data.Length == 0)
        {
            return data;
        }

        _corruptNext--;
        var damaged = (byte[])data.Clone();
        damaged[0] ^= 0xFF;
        return damaged;
    }

    private static uint[] BuildCrc32cTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0x82F63B78u ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
