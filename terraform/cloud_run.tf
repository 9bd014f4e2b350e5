# The orchestrator service. No unauthenticated access: Pub/Sub and Cloud Scheduler call it with OIDC
# tokens of their invoker accounts (Cloud Run checks them against custom_audiences), and the service
# checks every state-changing call again itself: pushes (Push__Audience, Push__AllowedEmails__N) and API
# calls (Api__Audiences__N, Api__AllowedPrincipals__N), each with its own audience.
resource "google_cloud_run_v2_service" "orchestrator" {
  project              = var.project_id
  name                 = local.service_name
  location             = var.region
  description          = "Epy Orchestration: runs forecast experiments on Cloud Batch."
  ingress              = "INGRESS_TRAFFIC_ALL"
  invoker_iam_disabled = false
  custom_audiences     = [local.push_audience, local.api_audience]
  deletion_protection  = false
  labels               = merge(local.labels, { component = "orchestrator" })

  template {
    service_account                  = google_service_account.orchestrator.email
    timeout                          = "${var.request_timeout_seconds}s"
    max_instance_request_concurrency = var.concurrency
    labels                           = merge(local.labels, { component = "orchestrator" })

    scaling {
      min_instance_count = var.min_instances
      max_instance_count = var.max_instances
    }

    containers {
      image = "${local.orchestrator_image}:${var.image_tag}"

      # The image listens on ASPNETCORE_HTTP_PORTS=8080; Cloud Run sends traffic (and PORT) to it.
      ports {
        container_port = 8080
      }

      resources {
        limits = {
          cpu    = var.cpu
          memory = var.memory
        }
        cpu_idle          = true
        startup_cpu_boost = true
      }

      dynamic "env" {
        for_each = merge(local.orchestrator_env, local.api_principal_env, local.iap_env, local.stage_env)
        content {
          name  = env.key
          value = env.value
        }
      }

      startup_probe {
        http_get {
          path = "/healthz"
        }
        period_seconds    = 2
        failure_threshold = 15
      }

      liveness_probe {
        http_get {
          path = "/healthz"
        }
        period_seconds = 30
      }
    }
  }

  lifecycle {
    # Cloud Build's deploy step rolls out new images (docs/deployment.md, "Upgrading"): a later
    # apply keeps the revision it made.
    ignore_changes = [template[0].containers[0].image, client, client_version]
  }

  depends_on = [
    google_project_service.apis,
    google_project_iam_member.roles,
    google_project_iam_member.orchestrator_firestore,
    google_service_account_iam_member.orchestrator_acts_as_stage,
    google_storage_bucket_iam_member.orchestrator_objects,
  ]
}

# Pub/Sub push delivers Batch events to the service (the push audience only; the service checks it too).
resource "google_cloud_run_v2_service_iam_member" "push_invoker" {
  project  = var.project_id
  location = google_cloud_run_v2_service.orchestrator.location
  name     = google_cloud_run_v2_service.orchestrator.name
  role     = "roles/run.invoker"
  member   = google_service_account.push_invoker.member
}

# Cloud Scheduler calls POST /v1/reconcile and POST /v1/runs (the API audience; the service checks it too).
resource "google_cloud_run_v2_service_iam_member" "scheduler_invoker" {
  project  = var.project_id
  location = google_cloud_run_v2_service.orchestrator.location
  name     = google_cloud_run_v2_service.orchestrator.name
  role     = "roles/run.invoker"
  member   = google_service_account.scheduler_invoker.member
}
