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

locals {
  # A shared bucket (dir_prefix set) confines every grant to the pipeline's prefix: objects whose names
  # start with it, and listings whose prefix starts with it (a listing is checked against the bucket, not
  # an object, so it needs the objectListPrefix attribute). The bucket must use uniform bucket-level access.
  bucket_prefix_condition = "resource.name.startsWith('projects/_/buckets/${local.bucket_name}/objects/${var.dir_prefix}') || api.getAttribute('storage.googleapis.com/objectListPrefix', '').startsWith('${var.dir_prefix}')"
  # Without a prefix the pipeline owns the bucket: no condition.
  bucket_conditions = var.dir_prefix == "" ? [] : [local.bucket_prefix_condition]
}

# The orchestrator reads manifests and results and writes run_record.json: objects under the prefix,
# read and write (objectUser: no bucket or IAM administration).
resource "google_storage_bucket_iam_member" "orchestrator_objects" {
  bucket = local.bucket_name
  role   = "roles/storage.objectUser"
  member = google_service_account.orchestrator.member

  dynamic "condition" {
    for_each = local.bucket_conditions
    content {
      title       = "epy-dir-prefix-only"
      description = "Only objects under the pipeline's dir_prefix."
      expression  = condition.value
    }
  }
}

# Each stage reads what the one before wrote (and earlier runs, for aggregation) and writes its own
# files (inputs, results, outputs, rewritten on a retry): objects under the prefix, read and write.
resource "google_storage_bucket_iam_member" "stage_objects" {
  for_each = google_service_account.stage

  bucket = local.bucket_name
  role   = "roles/storage.objectUser"
  member = each.value.member

  dynamic "condition" {
    for_each = local.bucket_conditions
    content {
      title       = "epy-dir-prefix-only"
      description = "Only objects under the pipeline's dir_prefix."
      expression  = condition.value
    }
  }
}
