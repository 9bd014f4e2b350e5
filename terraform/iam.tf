# Four service accounts, each with only what it needs. Project-wide roles are listed here; roles on a
# single resource (the bucket, the topic, the secret, the registry, the service) sit beside it.
resource "google_service_account" "orchestrator" {
  project      = var.project_id
  account_id   = "${var.name_prefix}-orchestrator"
  display_name = "Epy orchestrator (Cloud Run)"
  description  = "Runs the orchestrator service: Firestore run state, Batch jobs, run files in the bucket."
  depends_on   = [google_project_service.apis]
}

resource "google_service_account" "batch_runtime" {
  project      = var.project_id
  account_id   = "${var.name_prefix}-batch"
  display_name = "Epy stages (Cloud Batch VMs)"
  description  = "The stage program's identity on Batch VMs: the bucket, the GitHub token, job notifications."
  depends_on   = [google_project_service.apis]
}

resource "google_service_account" "push_invoker" {
  project      = var.project_id
  account_id   = "${var.name_prefix}-push"
  display_name = "Epy Pub/Sub push invoker"
  description  = "Signs the OIDC token of Batch event pushes to POST /v1/events/batch."
  depends_on   = [google_project_service.apis]
}

resource "google_service_account" "scheduler_invoker" {
  project      = var.project_id
  account_id   = "${var.name_prefix}-scheduler"
  display_name = "Epy Cloud Scheduler invoker"
  description  = "Signs the OIDC token of scheduled calls to POST /v1/reconcile and POST /v1/runs."
  depends_on   = [google_project_service.apis]
}

locals {
  project_roles = {
    # The orchestrator creates, reads and deletes Batch jobs, keeps runs in Firestore, writes logs
    # and traces.
    orchestrator_batch  = { member = google_service_account.orchestrator.member, role = "roles/batch.jobsEditor" }
    orchestrator_store  = { member = google_service_account.orchestrator.member, role = "roles/datastore.user" }
    orchestrator_logs   = { member = google_service_account.orchestrator.member, role = "roles/logging.logWriter" }
    orchestrator_traces = { member = google_service_account.orchestrator.member, role = "roles/cloudtrace.agent" }
    # Batch VMs report task states to Batch and send the stage program's output to Cloud Logging.
    batch_agent = { member = google_service_account.batch_runtime.member, role = "roles/batch.agentReporter" }
    batch_logs  = { member = google_service_account.batch_runtime.member, role = "roles/logging.logWriter" }
  }
}

resource "google_project_iam_member" "roles" {
  for_each = local.project_roles

  project = var.project_id
  role    = each.value.role
  member  = each.value.member
}

# The orchestrator submits jobs that run as the Batch runtime account (act-as on that account only).
resource "google_service_account_iam_member" "orchestrator_acts_as_batch_runtime" {
  service_account_id = google_service_account.batch_runtime.name
  role               = "roles/iam.serviceAccountUser"
  member             = google_service_account.orchestrator.member
}

# Optional: the account Cloud Build runs as pushes images and rolls out new orchestrator revisions.
resource "google_artifact_registry_repository_iam_member" "deployer_writer" {
  count = var.deployer_service_account != "" ? 1 : 0

  project    = var.project_id
  location   = google_artifact_registry_repository.images.location
  repository = google_artifact_registry_repository.images.name
  role       = "roles/artifactregistry.writer"
  member     = "serviceAccount:${var.deployer_service_account}"
}

resource "google_cloud_run_v2_service_iam_member" "deployer_developer" {
  count = var.deployer_service_account != "" ? 1 : 0

  project  = var.project_id
  location = google_cloud_run_v2_service.orchestrator.location
  name     = google_cloud_run_v2_service.orchestrator.name
  role     = "roles/run.developer"
  member   = "serviceAccount:${var.deployer_service_account}"
}

resource "google_service_account_iam_member" "deployer_acts_as_orchestrator" {
  count = var.deployer_service_account != "" ? 1 : 0

  service_account_id = google_service_account.orchestrator.name
  role               = "roles/iam.serviceAccountUser"
  member             = "serviceAccount:${var.deployer_service_account}"
}
