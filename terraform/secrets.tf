# The GitHub token the builder clones a private forecast repository with. Terraform makes the secret
# (or uses an existing one) and grants access; its value is added with gcloud, so it never enters
# Terraform's state (docs/deployment.md).
resource "google_secret_manager_secret" "github_token" {
  count = var.github_token_secret_id != "" && var.create_github_token_secret ? 1 : 0

  project   = var.project_id
  secret_id = var.github_token_secret_id
  labels    = merge(local.labels, { component = "github-token" })

  replication {
    auto {}
  }

  depends_on = [google_project_service.apis]
}

# Only the builder clones the forecast repository: the runner and output accounts cannot read the token.
resource "google_secret_manager_secret_iam_member" "builder_github_token" {
  count = var.github_token_secret_id != "" ? 1 : 0

  project   = var.project_id
  secret_id = local.github_token_secret
  role      = "roles/secretmanager.secretAccessor"
  member    = google_service_account.stage["builder"].member
}
