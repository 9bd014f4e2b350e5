locals {
  # Labels on every resource that takes them, for billing reports and for finding things in the
  # console. Each resource overrides `component` with the part of the system it belongs to.
  required_labels = {
    component   = "epy-orchestration"
    environment = var.environment
    managed-by  = "terraform"
  }
  labels = merge(var.labels, local.required_labels)

  service_name = "${var.name_prefix}-orchestrator"
  # Distinct audiences: a push token is refused on the API and a scheduler or user token on the push endpoint.
  push_audience = "${var.name_prefix}-orchestrator-${var.environment}-push"
  api_audience  = "${var.name_prefix}-orchestrator-${var.environment}-api"
  # The service's deterministic URL (what epycloud mints its identity tokens for).
  service_url = "https://${local.service_name}-${data.google_project.this.number}.${var.region}.run.app"

  registry           = "${var.region}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.images.repository_id}"
  orchestrator_image = "${local.registry}/epy-orchestrator"
  stage_image        = "${local.registry}/epy-stages"

  bucket_name        = var.create_bucket ? google_storage_bucket.runs[0].name : data.google_storage_bucket.existing[0].name
  bucket_location    = var.bucket_location != "" ? var.bucket_location : upper(var.region)
  firestore_location = var.firestore_location != "" ? var.firestore_location : var.region

  github_token_secret = var.github_token_secret_id == "" ? "" : (
    var.create_github_token_secret
    ? google_secret_manager_secret.github_token[0].id
    : "projects/${var.project_id}/secrets/${var.github_token_secret_id}"
  )

  # The orchestrator's settings (README "Cloud mode"; Orchestrator/Epy.Orchestrator/Cloud/*Options.cs):
  # a section and a key joined by a double underscore. tests/Epy.Deployment.Tests binds these to the
  # service's options classes and runs their start-up validation.
  orchestrator_env = {
    EPY_MODE                  = "cloud"
    ASPNETCORE_HTTP_PORTS     = "8080"
    EPY_LOG_FORMAT            = "json"
    Batch__Project            = var.project_id
    Batch__Region             = var.region
    Batch__Bucket             = local.bucket_name
    Batch__DirPrefix          = var.dir_prefix
    Batch__StageImage         = local.stage_image
    Batch__DefaultImageTag    = var.image_tag
    Batch__NotificationTopic  = google_pubsub_topic.batch_events.id
    Batch__Network            = google_compute_network.batch.id
    Batch__Subnetwork         = google_compute_subnetwork.batch.id
    Batch__Profile            = var.environment
    Batch__BillingProject     = var.project_id
    Firestore__ProjectId      = var.project_id
    Firestore__DatabaseId     = google_firestore_database.runs.name
    Push__VerifyTokens        = "true"
    Push__Audience            = local.push_audience
    Push__AllowedEmails__0    = google_service_account.push_invoker.email
    Api__VerifyTokens         = "true"
    Api__Audiences__0         = local.api_audience
    Api__Audiences__1         = local.service_url
    Api__AllowedPrincipals__0 = "serviceAccount:${google_service_account.scheduler_invoker.email}"
    Policy__MaxParallelism    = tostring(var.max_parallelism)
    Policy__Spot              = tostring(var.spot)

    # Each stage's jobs run as that stage's account (only the builder's reads the GitHub token).
    Batch__Builder__ServiceAccountEmail = google_service_account.stage["builder"].email
    Batch__Runner__ServiceAccountEmail  = google_service_account.stage["runner"].email
    Batch__Output__ServiceAccountEmail  = google_service_account.stage["output"].email
  }

  # The users, service accounts and domains allowed to start, cancel and resume runs (index 0 is the scheduler).
  api_principal_env = { for i, principal in var.api_principals : "Api__AllowedPrincipals__${i + 1}" => principal }

  # The audiences of IAP's signed header, when the dashboard sits behind Identity-Aware Proxy.
  iap_env = { for i, audience in var.iap_audiences : "Api__IapAudiences__${i}" => audience }

  # What every stage gets besides what the orchestrator sets per job (Batch__Environment__NAME):
  # where the builder clones the forecast repository from, and the secret holding its token.
  stage_env = merge(
    var.forecast_repo != "" ? { Batch__Environment__GITHUB_FORECAST_REPO = var.forecast_repo } : {},
    var.github_token_secret_id != "" ? { Batch__Environment__GITHUB_PAT_SECRET = local.github_token_secret } : {},
    { for name, value in var.stage_environment : "Batch__Environment__${name}" => value },
  )

  # APIs the deployment uses (Cloud Build builds the images).
  apis = [
    "artifactregistry.googleapis.com",
    "batch.googleapis.com",
    "cloudbuild.googleapis.com",
    "cloudscheduler.googleapis.com",
    "cloudtrace.googleapis.com",
    "compute.googleapis.com",
    "firestore.googleapis.com",
    "iam.googleapis.com",
    "logging.googleapis.com",
    "monitoring.googleapis.com",
    "pubsub.googleapis.com",
    "run.googleapis.com",
    "secretmanager.googleapis.com",
  ]
}

data "google_project" "this" {
  project_id = var.project_id
}
