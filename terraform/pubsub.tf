# Batch publishes JOB_STATE_CHANGED notifications here; the push subscription delivers them to the
# orchestrator's POST /v1/events/batch with an OIDC token of the push invoker.
resource "google_pubsub_topic" "batch_events" {
  project                    = var.project_id
  name                       = "${var.name_prefix}-batch-events"
  labels                     = merge(local.labels, { component = "batch-events" })
  message_retention_duration = "86400s"
  depends_on                 = [google_project_service.apis]
}

# Events Pub/Sub gave up delivering (the orchestrator kept failing them). The reconciler heals the
# runs anyway; the backlog raises an alert and keeps the messages 7 days for a look.
resource "google_pubsub_topic" "batch_events_dead_letter" {
  project    = var.project_id
  name       = "${var.name_prefix}-batch-events-dead-letter"
  labels     = merge(local.labels, { component = "batch-events" })
  depends_on = [google_project_service.apis]
}

resource "google_pubsub_subscription" "batch_events_push" {
  project = var.project_id
  name    = "${var.name_prefix}-batch-events-push"
  topic   = google_pubsub_topic.batch_events.id
  labels  = merge(local.labels, { component = "batch-events" })

  ack_deadline_seconds       = var.push_ack_deadline_seconds
  message_retention_duration = "604800s"

  push_config {
    push_endpoint = "${google_cloud_run_v2_service.orchestrator.uri}/v1/events/batch"

    oidc_token {
      service_account_email = google_service_account.push_invoker.email
      audience              = local.push_audience
    }
  }

  retry_policy {
    minimum_backoff = "10s"
    maximum_backoff = "600s"
  }

  dead_letter_policy {
    dead_letter_topic     = google_pubsub_topic.batch_events_dead_letter.id
    max_delivery_attempts = var.push_max_delivery_attempts
  }

  expiration_policy {
    ttl = ""
  }
}

resource "google_pubsub_subscription" "batch_events_dead_letter" {
  project = var.project_id
  name    = "${var.name_prefix}-batch-events-dead-letter"
  topic   = google_pubsub_topic.batch_events_dead_letter.id
  labels  = merge(local.labels, { component = "batch-events" })

  ack_deadline_seconds       = 60
  message_retention_duration = "604800s"

  expiration_policy {
    ttl = ""
  }
}

locals {
  pubsub_service_agent = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

# Batch publishes a job's JOB_STATE_CHANGED notifications as the job's account: each stage's.
resource "google_pubsub_topic_iam_member" "stage_publisher" {
  for_each = google_service_account.stage

  project = var.project_id
  topic   = google_pubsub_topic.batch_events.name
  role    = "roles/pubsub.publisher"
  member  = each.value.member
}

# Dead-lettering: Pub/Sub's own service agent publishes to the dead-letter topic.
resource "google_pubsub_topic_iam_member" "pubsub_agent_dead_letter_publisher" {
  project = var.project_id
  topic   = google_pubsub_topic.batch_events_dead_letter.name
  role    = "roles/pubsub.publisher"
  member  = local.pubsub_service_agent
}

# Dead-lettering: Pub/Sub's own service agent acknowledges the dead-lettered message on the push subscription.
resource "google_pubsub_subscription_iam_member" "pubsub_agent_push_subscriber" {
  project      = var.project_id
  subscription = google_pubsub_subscription.batch_events_push.name
  role         = "roles/pubsub.subscriber"
  member       = local.pubsub_service_agent
}
