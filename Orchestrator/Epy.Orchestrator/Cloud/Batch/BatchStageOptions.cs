namespace Epy.Orchestrator.Cloud.Batch;

/// <summary>The VMs of one stage's jobs.</summary>
public sealed class BatchStageOptions
{
    /// <summary>
    /// The machine type when the run's policy names none (e.g. <c>c4d-highcpu-8</c>); empty lets Batch
    /// choose from the task's CPU and memory.
    /// </summary>
    public string MachineType { get; set; } = "";

    /// <summary>The boot disk in GB: it holds the stage image and the task's scratch files.</summary>
    public int BootDiskGb { get; set; } = 50;

    /// <summary>
    /// The service account this stage's VMs run as (<c>Batch__Builder__ServiceAccountEmail</c>, ...): one per
    /// stage, so only the builder's can read the GitHub token. Empty: <see cref="BatchOptions.ServiceAccountEmail"/>.
    /// </summary>
    public string ServiceAccountEmail { get; set; } = "";
}
