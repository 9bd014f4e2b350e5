# Epy Orchestration on Google Cloud: everything the orchestrator service, its Batch jobs and its
# schedules need, from an empty project. See docs/deployment.md.
terraform {
  required_version = ">= 1.5"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 6.20, < 7.0"
    }
  }
}

provider "google" {
  project = var.project_id
  region  = var.region

  # Every resource that takes labels gets these too; each also names them itself (with its component).
  default_labels = local.labels
}
