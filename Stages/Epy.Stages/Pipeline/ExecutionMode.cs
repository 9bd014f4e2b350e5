namespace Epy.Stages.Pipeline;

/// <summary>Where a run's artifacts live.</summary>
public enum ExecutionMode
{
    /// <summary>A local folder laid out like the bucket (<c>LOCAL_DATA_PATH</c>).</summary>
    Local,

    /// <summary>A Cloud Storage bucket (<c>GCS_BUCKET</c>).</summary>
    Cloud,
}
