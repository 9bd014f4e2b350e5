using Epy.Contracts.Builder;

namespace Epy.Orchestrator.Ports;

/// <summary>
/// How every <see cref="IRunArtifacts"/> turns the builder's manifest into a task count, and its absence
/// or a malformed one into a permanent <see cref="CommandFailedException"/> naming where it was read.
/// </summary>
internal static class ManifestReader
{
    /// <summary>The <c>task_count</c> of the manifest read from <paramref name="where"/> (see <see cref="BuildManifest.ReadTaskCount"/>).</summary>
    /// <exception cref="CommandFailedException">Permanent: the manifest is malformed.</exception>
    public static int TaskCount(ReadOnlyMemory<byte> json, string where)
    {
        try
        {
            return BuildManifest.ReadTaskCount(json);
        }
        catch (InvalidDataException malformed)
        {
            throw new CommandFailedException($"{where}: {malformed.Message}", permanent: true, malformed.InnerException ?? malformed);
        }
    }

    /// <summary>The permanent failure of a run whose builder finished without writing its manifest at <paramref name="where"/>.</summary>
    public static CommandFailedException Missing(string where) =>
        new($"{where}: the builder's manifest is missing (the builder finished without writing it)", permanent: true);
}
