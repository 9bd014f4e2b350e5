resource "google_project_service" "apis" {
  for_each = toset(local.apis)

  project = var.project_id
  service = each.value

  # Turning an API off on destroy would break whatever else in the project uses it.
  disable_on_destroy = false
}
