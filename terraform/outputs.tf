output "service_url" {
  description = "The orchestrator's URL (epycloud --server; OIDC-authenticated)."
  value       = google_cloud_run_v2_service.orchestrator.uri
}

output "batch_events_topic" {
  description = "The Pub/Sub topic Batch publishes job notifications to (Batch__NotificationTopic)."
  value       = google_pubsub_topic.batch_events.id
}

output "dead_letter_topic" {
  description = "Where Batch events go after push_max_delivery_attempts failed deliveries."
  value       = google_pubsub_topic.batch_events_dead_letter.id
}

output "service_accounts" {
  description = "The deployment's service accounts by role."
  value = {
    orchestrator      = google_service_account.orchestrator.email
    builder           = google_service_account.stage["builder"].email
    runner            = google_service_account.stage["runner"].email
    output            = google_service_account.stage["output"].email
    push_invoker      = google_service_account.push_invoker.email
    scheduler_invoker = google_service_account.scheduler_invoker.email
  }
}

output "orchestrator_image" {
  description = "The orchestrator image, without tag (cloudbuild.yaml pushes :COMMIT_SHA and :latest)."
  value       = local.orchestrator_image
}

output "stage_image" {
  description = "The stage image, without tag (Batch__StageImage)."
  value       = local.stage_image
}

output "bucket" {
  description = "The runs bucket."
  value       = local.bucket_name
}

output "firestore_database" {
  description = "The Firestore database holding run state."
  value       = google_firestore_database.runs.name
}

output "github_token_secret" {
  description = "The Secret Manager secret to add the GitHub token to (empty: anonymous clones)."
  value       = local.github_token_secret
}

output "dashboards" {
  description = "Links to the monitoring dashboards."
  value = {
    runs         = "https://console.cloud.google.com/monitoring/dashboards/custom/${element(split("/", google_monitoring_dashboard.runs.id), 3)}?project=${var.project_id}"
    orchestrator = "https://console.cloud.google.com/monitoring/dashboards/custom/${element(split("/", google_monitoring_dashboard.orchestrator.id), 3)}?project=${var.project_id}"
  }
}
