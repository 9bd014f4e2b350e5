# The runs bucket: an existing one (as the existing pipeline has), or a new one.
resource "google_storage_bucket" "runs" {
  count = var.create_bucket ? 1 : 0

  project                     = var.project_id
  name                        = var.bucket_name
  location                    = local.bucket_location
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  labels                      = merge(local.labels, { component = "runs-bucket" })

  dynamic "lifecycle_rule" {
    for_each = var.run_retention_days > 0 ? [var.run_retention_days] : []
    content {
      condition {
        age = lifecycle_rule.value
      }
      action {
        type = "Delete"
      }
    }
  }
}

data "google_storage_bucket" "existing" {
  count = var.create_bucket ? 0 : 1
  name  = var.bucket_name
}

# Both the orchestrator (manifests, run_record.json) and the stages (inputs, results, outputs) read
# and write objects; neither manages the bucket.
resource "google_storage_bucket_iam_member" "orchestrator_objects" {
  bucket = local.bucket_name
  role   = "roles/storage.objectUser"
  member = google_service_account.orchestrator.member
}

resource "google_storage_bucket_iam_member" "batch_runtime_objects" {
  bucket = local.bucket_name
  role   = "roles/storage.objectUser"
  member = google_service_account.batch_runtime.member
}
