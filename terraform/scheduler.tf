# The reconcile pass every few minutes: feeds events that never arrived, re-drives stuck commands,
# enforces run deadlines.
resource "google_cloud_scheduler_job" "reconcile" {
  project          = var.project_id
  region           = var.region
  name             = "${var.name_prefix}-reconcile"
  description      = "POST /v1/reconcile on the orchestrator."
  schedule         = var.reconcile_schedule
  time_zone        = "Etc/UTC"
  attempt_deadline = "320s"

  retry_config {
    retry_count = 1
  }

  http_target {
    http_method = "POST"
    uri         = "${google_cloud_run_v2_service.orchestrator.uri}/v1/reconcile"

    oidc_token {
      service_account_email = google_service_account.scheduler_invoker.email
      audience              = local.api_audience
    }
  }

  depends_on = [google_project_service.apis, google_cloud_run_v2_service_iam_member.scheduler_invoker]
}

# Recurring forecasts: one scheduler job each, posting the run request to POST /v1/runs. The service
# makes a retried call return the same run (X-CloudScheduler-JobName + X-CloudScheduler-ScheduleTime),
# so retries are safe.
resource "google_cloud_scheduler_job" "forecast" {
  for_each = var.forecasts

  project          = var.project_id
  region           = var.region
  name             = "${var.name_prefix}-forecast-${each.key}"
  description      = "Recurring forecast ${each.key}: POST /v1/runs for ${each.value.exp_id}."
  schedule         = each.value.cron
  time_zone        = each.value.time_zone
  attempt_deadline = "120s"

  retry_config {
    retry_count          = 3
    min_backoff_duration = "30s"
  }

  http_target {
    http_method = "POST"
    uri         = "${google_cloud_run_v2_service.orchestrator.uri}/v1/runs"
    headers = {
      "Content-Type" = "application/json"
    }
    body = base64encode(jsonencode(merge(each.value.overrides, { exp_id = each.value.exp_id })))

    oidc_token {
      service_account_email = google_service_account.scheduler_invoker.email
      audience              = local.api_audience
    }
  }

  depends_on = [google_project_service.apis, google_cloud_run_v2_service_iam_member.scheduler_invoker]
}
