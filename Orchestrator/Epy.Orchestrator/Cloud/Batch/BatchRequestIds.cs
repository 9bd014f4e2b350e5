using System.Security.Cryptography;
using System.Text;
using Epy.Contracts.Runs;

namespace Epy.Orchestrator.Cloud.Batch;

/// <summary>
/// The <c>requestId</c>s of Batch calls: name-based UUIDs (version 5, RFC 9562) of the job id, so a
/// create or cancel repeated after a timeout or a crash carries the same id and Batch ignores it.
/// </summary>
public static class BatchRequestIds
{
    // A fixed namespace of our own (a random UUID chosen once); changing it changes every request id.
    private static readonly Guid Namespace = new("3f1c2b8e-5a4d-4c71-9e0a-6b2f8d4e7c19");

    /// <summary>The request id of <c>jobs.create</c> for <paramref name="job"/>.</summary>
    public static Guid ForCreate(JobId job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return NameBased(Namespace, "create:" + job.Value);
    }

    /// <summary>The request id of <c>jobs.cancel</c> for <paramref name="job"/>.</summary>
    public static Guid ForCancel(JobId job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return NameBased(Namespace, "cancel:" + job.Value);
    }

    /// <summary>The version 5 UUID of <paramref name="name"/> in <paramref name="space"/>.</summary>
    public static Guid NameBased(Guid space, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var input = new byte[16 + Encoding.UTF8.GetByteCount(name)];
        space.TryWriteBytes(input, bigEndian: true, out _);
        Encoding.UTF8.GetBytes(name, input.AsSpan(16));
#pragma warning disable CA5350 // RFC 9562 defines version 5 UUIDs on SHA-1; the id is an idempotency key, not a secret.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
