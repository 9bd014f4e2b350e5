namespace Epy.Reliability.Tests.Faults;

/// <summary>A call the orchestrator makes to the job system about one job.</summary>
public enum BatchCall
{
    Submit,
    Get,
    Cancel,
    ListTasks,
}
