namespace Epy.Deployment.Tests.Terraform;

/// <summary>Names the tests expect in <c>terraform/</c>: the resources each check starts from.</summary>
public static class Expected
{
    /// <summary>The orchestrator service.</summary>
    public const string Service = "google_cloud_run_v2_service.orchestrator";

    /// <summary>Its URL inside an expression.</summary>
    public const string ServiceUri = "${google_cloud_run_v2_service.orchestrator.uri}";

    /// <summary>The service accounts by role.</summary>
    public static class Accounts
    {
        /// <summary>The orchestrator's (Cloud Run).</summary>
        public const string Orchestrator = "google_service_account.orchestrator";

        /// <summary>The Batch VMs', one per stage (<c>for_each</c> over <see cref="Stages"/>).</summary>
        public const string Stage = "google_service_account.stage";

        /// <summary>The keys of the stage accounts.</summary>
        public static readonly string[] Stages = ["builder", "runner", "output"];

        /// <summary>Pub/Sub push's.</summary>
        public const string PushInvoker = "google_service_account.push_invoker";

        /// <summary>Cloud Scheduler's.</summary>
        public const string SchedulerInvoker = "google_service_account.scheduler_invoker";
    }
}
