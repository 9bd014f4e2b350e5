using System.Globalization;
using Epy.Cli.Configuration;
using Epy.Google;
using Epy.Google.Batch;

namespace Epy.Cli.Targets;

/// <summary>Where <c>epycloud run job</c> creates its Cloud Batch job: the configuration's project and region, on Cloud Batch or a stand-in.</summary>
/// <param name="Project">The Google Cloud project (<c>google_cloud.project_id</c>).</param>
/// <param name="Region">The Batch region (<c>google_cloud.region</c>).</param>
/// <param name="BaseAddress">The REST API root ending in '/': <see cref="BatchClient.DefaultBaseAddress"/>, or <c>BATCH_EMULATOR_HOST</c>'s (<see cref="CloudEmulators.Batch"/>).</param>
/// <param name="Emulator">True for a stand-in: calls carry no token.</param>
public sealed record BatchTarget(string Project, string Region, Uri BaseAddress, bool Emulator)
{
    /// <summary>The target of <paramref name="config"/>, with the stand-in <paramref name="env"/> names, if any.</summary>
    public static BatchTarget Of(EpycloudConfig config, Func<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(config);
        var stand = CloudEmulators.Batch(env);
        return new BatchTarget(config.ProjectId, config.Region, stand ?? BatchClient.DefaultBaseAddress, stand is not null);
    }

    /// <summary>The jobs' parent: <c>projects/{project}/locations/{region}</c>.</summary>
    public string Parent => $"projects/{Project}/locations/{Region}";

    /// <summary>The full name of job <paramref name="jobId"/>.</summary>
    public string JobName(string jobId) => $"{Parent}/jobs/{jobId}";

    /// <summary>The Cloud Console page of job <paramref name="jobId"/>.</summary>
    public string ConsoleLink(string jobId) => string.Create(CultureInfo.InvariantCulture,
        $"https://console.cloud.google.com/batch/jobsDetail/regions/{Region}/jobs/{jobId}/details?project={Uri.EscapeDataString(Project)}");
}
