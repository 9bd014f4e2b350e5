# Run state (Orchestrator/Epy.Orchestrator/Cloud/Firestore/RunDocument.cs): runs/{run_id}, their
# processed-event markers runs/{run_id}/events/{id}, and requests/{id} (idempotency keys).
resource "google_firestore_database" "runs" {
  project     = var.project_id
  name        = var.firestore_database_id
  location_id = local.firestore_location
  type        = "FIRESTORE_NATIVE"

  # Runs are the record of every forecast: never deleted by `terraform destroy`.
  delete_protection_state = "DELETE_PROTECTION_ENABLED"
  deletion_policy         = "ABANDON"

  depends_on = [google_project_service.apis]
}

# GET /v1/runs (FirestoreRunStore.ListAsync): equality on exp_id and/or status, newest first by
# run_id, paged with run_id < the last one seen.
resource "google_firestore_index" "runs_by_experiment" {
  project     = var.project_id
  database    = google_firestore_database.runs.name
  collection  = "runs"
  query_scope = "COLLECTION"

  fields {
    field_path = "exp_id"
    order      = "ASCENDING"
  }
  fields {
    field_path = "run_id"
    order      = "DESCENDING"
  }
}

resource "google_firestore_index" "runs_by_status" {
  project     = var.project_id
  database    = google_firestore_database.runs.name
  collection  = "runs"
  query_scope = "COLLECTION"

  fields {
    field_path = "status"
    order      = "ASCENDING"
  }
  fields {
    field_path = "run_id"
    order      = "DESCENDING"
  }
}

resource "google_firestore_index" "runs_by_experiment_and_status" {
  project     = var.project_id
  database    = google_firestore_database.runs.name
  collection  = "runs"
  query_scope = "COLLECTION"

  fields {
    field_path = "exp_id"
    order      = "ASCENDING"
  }
  fields {
    field_path = "status"
    order      = "ASCENDING"
  }
  fields {
    field_path = "run_id"
    order      = "DESCENDING"
  }
}

# Large fields never queried: no single-field indexes (they would cost writes and storage). Firestore
# changes one field configuration of a database at a time, so these are made one after the other.
resource "google_firestore_field" "runs_state_json" {
  project    = var.project_id
  database   = google_firestore_database.runs.name
  collection = "runs"
  field      = "state_json"

  index_config {}
}

resource "google_firestore_field" "runs_policy_json" {
  project    = var.project_id
  database   = google_firestore_database.runs.name
  collection = "runs"
  field      = "policy_json"

  index_config {}
  depends_on = [google_firestore_field.runs_state_json]
}

resource "google_firestore_field" "runs_outbox" {
  project    = var.project_id
  database   = google_firestore_database.runs.name
  collection = "runs"
  field      = "outbox"

  index_config {}
  depends_on = [google_firestore_field.runs_policy_json]
}

# Processed-event markers expire: the store writes expire_at (RunDocument.MarkerExpiresAt) 30 days
# after the event, and Firestore's TTL deletes the marker some time after that.
resource "google_firestore_field" "event_marker_ttl" {
  project    = var.project_id
  database   = google_firestore_database.runs.name
  collection = "events"
  field      = "expire_at"

  ttl_config {}
  index_config {}
  depends_on = [google_firestore_field.runs_outbox]
}
