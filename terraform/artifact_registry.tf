resource "google_artifact_registry_repository" "images" {
  project       = var.project_id
  location      = var.region
  repository_id = var.name_prefix
  format        = "DOCKER"
  description   = "Epy Orchestration images: epy-orchestrator (Cloud Run) and epy-stages (Cloud Batch)."
  labels        = merge(local.labels, { component = "images" })

  # Untagged images (replaced by a newer build) go after 30 days; the ten newest versions of each
  # image stay whatever their age, so a rollback is always possible.
  cleanup_policies {
    id     = "delete-untagged"
    action = "DELETE"
    condition {
      tag_state  = "UNTAGGED"
      older_than = "2592000s"
    }
  }
  cleanup_policies {
    id     = "keep-recent"
    action = "KEEP"
    most_recent_versions {
      keep_count = 10
    }
  }

  depends_on = [google_project_service.apis]
}

# Every stage's Batch VMs pull the stage image.
resource "google_artifact_registry_repository_iam_member" "stage_reader" {
  for_each = google_service_account.stage

  project    = var.project_id
  location   = google_artifact_registry_repository.images.location
  repository = google_artifact_registry_repository.images.name
  role       = "roles/artifactregistry.reader"
  member     = each.value.member
}
