# The Batch VMs' network: no external IPs; Private Google Access reaches Google APIs (Storage,
# Artifact Registry, Secret Manager, Logging) and Cloud NAT reaches GitHub for the builder's clone.
resource "google_compute_network" "batch" {
  project                 = var.project_id
  name                    = "${var.name_prefix}-batch"
  description             = "Epy Batch VMs (no external IPs)."
  auto_create_subnetworks = false
  routing_mode            = "REGIONAL"
  depends_on              = [google_project_service.apis]
}

resource "google_compute_subnetwork" "batch" {
  project                  = var.project_id
  name                     = "${var.name_prefix}-batch-${var.region}"
  region                   = var.region
  network                  = google_compute_network.batch.id
  ip_cidr_range            = var.batch_subnet_cidr
  private_ip_google_access = true
}

resource "google_compute_router" "batch" {
  project = var.project_id
  name    = "${var.name_prefix}-batch-router"
  region  = var.region
  network = google_compute_network.batch.id
}

resource "google_compute_router_nat" "batch" {
  project                            = var.project_id
  name                               = "${var.name_prefix}-batch-nat"
  region                             = var.region
  router                             = google_compute_router.batch.name
  nat_ip_allocate_option             = "AUTO_ONLY"
  source_subnetwork_ip_ranges_to_nat = "LIST_OF_SUBNETWORKS"

  subnetwork {
    name                    = google_compute_subnetwork.batch.id
    source_ip_ranges_to_nat = ["ALL_IP_RANGES"]
  }

  log_config {
    enable = true
    filter = "ERRORS_ONLY"
  }
}
