using Epy.Contracts.Api;
using Epy.Contracts.Outputs;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Ports;

namespace Epy.Orchestrator.Runs;

/// <summary>Reads a run's verdict file from its artifacts, bounded, for <see cref="SubmissionVerdicts"/>.</summary>
public static class SubmissionVerdictReader
{
    /// <summary>
    /// The verdict of the run at <paramref name="paths"/>, or null when <paramref name="outputs"/> (the run's listed
    /// outputs) holds no verdict file.
    /// </summary>
    public static async Task<SubmissionView?> ReadAsync(IRunArtifacts artifacts, ArtifactPaths paths, IReadOnlyList<string>? outputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(artifacts);
        ArgumentNullException.ThrowIfNull(paths);
        if (!(outputs ?? []).Contains(paths.Outputs + SubmissionValidationFile.FileName, StringComparer.Ordinal))
            return null;
        try
        {
            var stream = await artifacts.OpenOutputAsync(paths, SubmissionValidationFile.FileName, cancellationToken).ConfigureAwait(false);
            if (stream is null)
                return SubmissionVerdicts.Unreadable($"{SubmissionValidationFile.FileName} is listed but could not be read");
            await using (stream.ConfigureAwait(false))
                return await ReadAsync(stream, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is CommandFailedException or IOException or UnauthorizedAccessException)
        {
            return SubmissionVerdicts.Unreadable($"{SubmissionValidationFile.FileName} could not be read: {failure.Message}");
        }
    }

    /// <summary>The verdict in <paramref name="stream"/>, reading at most one byte past <see cref="SubmissionVerdicts.MaxBytes"/>.</summary>
    public static async Task<SubmissionView> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > SubmissionVerdicts.MaxBytes)
                return SubmissionVerdicts.TooLarge(stream.CanSeek ? stream.Length : buffer.Length);
        }
        return SubmissionVerdicts.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }
}
