# Six service accounts, each with only what it needs: the orchestrator, one per stage (builder, runner,
# output: only the builder reads the GitHub token), and the two invokers. Project-wide roles are listed
# here; roles on a single resource (the bucket, the topic, the secret, the registry, the service) sit
# beside it. Every grant carries a one-line reason (tests/Epy.Deployment.Tests checks it).
resource "google_service_account" "orchestrator" {
  project      = var.project_id
  account_id   = "${var.name_prefix}-orchestrator"
  display_name = "Epy orchestrator (Cloud Run)"
  description  = "Runs the orchestrator service: Firestore run state, Batch jobs, run files in the bucket."
  depends_on   = [google_project_service.apis]
}

# The stage program's identity on Batch VMs, one per stage (Batch__Builder__ServiceAccountEmail, ...).
resource "google_service_account" "stage" {
  for_each = local.stages

  project      = var.project_id
  account_id   = "${var.name_prefix}-${each.key}"
  display_name = "Epy ${each.key} stage (Cloud Batch VMs)"
  description  = each.value
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
  # The stages and what each one's account does.
  stages = {
    builder = "Stage A on Batch VMs: clones the forecast repository (GitHub token), writes task inputs."
    runner  = "Stage B on Batch VMs: reads task inputs, writes task results."
    output  = "Stage C on Batch VMs: reads task results, writes outputs."
  }

  project_roles = {
    # Batch grants job roles only on a project (jobs have no IAM policy of their own): the
    # orchestrator creates, reads and deletes its stage jobs.
    orchestrator_batch = { member = google_service_account.orchestrator.member, role = "roles/batch.jobsEditor" }
    # The orchestrator's structured logs go to Cloud Logging.
    orchestrator_logs = { member = google_service_account.orchestrator.member, role = "roles/logging.logWriter" }
    # The orchestrator's OpenTelemetry spans go to Cloud Trace.
    orchestrator_traces = { member = google_service_account.orchestrator.member, role = "roles/cloudtrace.agent" }
  }
}

# Each project-wide role above, with the reason written beside it.
resource "google_project_iam_member" "roles" {
  for_each = local.project_roles

  project = var.project_id
  role    = each.value.role
  member  = each.value.member
}

# The orchestrator keeps run state in Firestore: its own database only (an IAM condition on the
# database's name; Firestore grants no roles on a single database otherwise).
resource "google_project_iam_member" "orchestrator_firestore" {
  project = var.project_id
  role    = "roles/datastore.user"
  member  = google_service_account.orchestrator.member

  condition {
    title       = "epy-runs-database-only"
    description = "Only the Firestore database holding Epy run state."
    expression  = "resource.name == 'projects/${var.project_id}/databases/${google_firestore_database.runs.name}'"
  }
}

# Batch's agent on each stage's VMs reports task states back to Batch as the job's account.
resource "google_project_iam_member" "stage_agent" {
  for_each = google_service_account.stage

  project = var.project_id
  role    = "roles/batch.agentReporter"
  member  = each.value.member
}

# The stage program's output reaches Cloud Logging (logsPolicy CLOUD_LOGGING) as the job's account.
resource "google_project_iam_member" "stage_logs" {
  for_each = google_service_account.stage

  project = var.project_id
  role    = "roles/logging.logWriter"
  member  = each.value.member
}

# The orchestrator submits each stage's jobs to run as that stage's account: act-as on those three
# accounts only, never project-wide.
resource "google_service_account_iam_member" "orchestrator_acts_as_stage" {
  for_each = google_service_account.stage

  service_account_id = each.value.name
  role               = "roles/iam.serviceAccountUser"
  member             = google_service_account.orchestrator.member
}

# Optional: the account Cloud Build runs as pushes images to the registry.
resource "google_artifact_registry_repository_iam_member" "deployer_writer" {
  count = var.deployer_service_account != "" ? 1 : 0

  project    = var.project_id
  location   = google_artifact_registry_repository.images.location
  repository = google_artifact_registry_repository.images.name
  role       = "roles/artifactregistry.writer"
  member     = "serviceAccount:${var.deployer_service_account}"
}

# Optional: the account Cloud Build runs as rolls out new orchestrator revisions.
resource "google_cloud_run_v2_service_iam_member" "deployer_developer" {
  count = var.deployer_service_account != "" ? 1 : 0

  project  = var.project_id
  location = google_cloud_run_v2_service.orchestrator.location
  name     = google_cloud_run_v2_service.orchestrator.name
  role     = "roles/run.developer"
  member   = "serviceAccount:${var.deployer_service_account}"
}

# Optional: a new revision runs as the orchestrator's account, so the deployer acts as that one only.
resource "google_service_account_iam_member" "deployer_acts_as_orchestrator" {
  count = var.deployer_service_account != "" ? 1 : 0

  service_account_id = google_service_account.orchestrator.name
  role               = "roles/iam.serviceAccountUser"
  member             = "serviceAccount:${var.deployer_service_account}"
}
