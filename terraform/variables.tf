variable "project_id" {
  type        = string
  description = "The Google Cloud project to deploy into (its id, not its number)."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a project id: 6 to 30 lowercase letters, digits or hyphens, starting with a letter."
  }
}

variable "region" {
  type        = string
  description = "The region of the orchestrator (Cloud Run), the Batch jobs, the registry, the schedules and the Batch subnet."
  default     = "us-central1"

  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]+$", var.region))
    error_message = "region must be a region such as us-central1."
  }
}

variable "environment" {
  type        = string
  description = "The deployment's name (label `environment`, Batch's `profile` label, part of the push audience): prod, staging, ..."
  default     = "prod"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,19}$", var.environment))
    error_message = "environment must be 1 to 20 lowercase letters, digits or hyphens, starting with a letter."
  }
}

variable "name_prefix" {
  type        = string
  description = "The prefix of every resource name (service accounts, topics, the service, the network)."
  default     = "epy"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,11}$", var.name_prefix))
    error_message = "name_prefix must be 2 to 12 lowercase letters, digits or hyphens, starting with a letter (service account ids are at most 30 characters)."
  }
}

variable "labels" {
  type        = map(string)
  description = "More labels for every resource that takes labels (team, cost centre, ...). component, environment and managed-by are always set."
  default     = {}

  validation {
    condition     = alltrue([for key, value in var.labels : can(regex("^[a-z][a-z0-9_-]{0,62}$", key)) && can(regex("^[a-z0-9_-]{0,63}$", value))])
    error_message = "labels: keys must start with a lowercase letter; keys and values are lowercase letters, digits, '_' or '-', at most 63 characters."
  }
}

variable "create_bucket" {
  type        = bool
  description = "true: create the runs bucket named bucket_name; false: use the existing bucket bucket_name (as the existing pipeline does)."
  default     = false
}

variable "bucket_name" {
  type        = string
  description = "The Cloud Storage bucket holding runs (the stages' GCS_BUCKET): an existing one, or the one to create with create_bucket."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$", var.bucket_name))
    error_message = "bucket_name must be a bucket name: 3 to 63 lowercase letters, digits, '.', '_' or '-'."
  }
}

variable "bucket_location" {
  type        = string
  description = "Where a created bucket lives (US, a region such as US-CENTRAL1, ...); empty: the region. Ignored for an existing bucket."
  default     = ""

  validation {
    condition     = var.bucket_location == "" || can(regex("^[A-Za-z0-9-]+$", var.bucket_location))
    error_message = "bucket_location must be empty or a location such as US or US-CENTRAL1."
  }
}

variable "run_retention_days" {
  type        = number
  description = "Days after which a created bucket deletes run files (0: keep them). Ignored for an existing bucket."
  default     = 0

  validation {
    condition     = var.run_retention_days >= 0 && floor(var.run_retention_days) == var.run_retention_days
    error_message = "run_retention_days must be a whole number of days, 0 for none."
  }
}

variable "dir_prefix" {
  type        = string
  description = "The prefix of runs inside the bucket (the stages' DIR_PREFIX): empty, or ending in '/'."
  default     = ""

  validation {
    condition     = var.dir_prefix == "" || (endswith(var.dir_prefix, "/") && !startswith(var.dir_prefix, "/"))
    error_message = "dir_prefix must be empty or end in '/' (and not start with one)."
  }
}

variable "firestore_database_id" {
  type        = string
  description = "The Firestore database (Native mode) holding runs; '(default)' is the project's default database."
  default     = "(default)"

  validation {
    condition     = var.firestore_database_id == "(default)" || can(regex("^[a-z][a-z0-9-]{2,61}[a-z0-9]$", var.firestore_database_id))
    error_message = "firestore_database_id must be (default) or 4 to 63 lowercase letters, digits or hyphens."
  }
}

variable "firestore_location" {
  type        = string
  description = "The Firestore database's location (a region, or a multi-region such as nam5); empty: the region. It cannot change once created."
  default     = ""

  validation {
    condition     = var.firestore_location == "" || can(regex("^[a-z0-9-]+$", var.firestore_location))
    error_message = "firestore_location must be empty or a location such as us-central1 or nam5."
  }
}

variable "image_tag" {
  type        = string
  description = "The tag of both images the deployment runs: the orchestrator's, and the stages' when a run names none (Batch__DefaultImageTag)."
  default     = "latest"

  validation {
    condition     = can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.image_tag))
    error_message = "image_tag must be a Docker tag: letters, digits, '_', '.' or '-', at most 128 characters."
  }
}

variable "forecast_repo" {
  type        = string
  description = "The forecast repository the builder clones (GITHUB_FORECAST_REPO): owner/repo on GitHub or an https URL without credentials; empty to set it per deployment later."
  default     = ""

  validation {
    condition     = var.forecast_repo == "" || (can(regex("^([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+|https://[^@\\s]+)$", var.forecast_repo)))
    error_message = "forecast_repo must be owner/repo or an https:// URL without credentials."
  }
}

variable "github_token_secret_id" {
  type        = string
  description = "The Secret Manager secret (its id) holding a GitHub token that can read forecast_repo; empty for a public repository (anonymous clone)."
  default     = "epy-github-token"

  validation {
    condition     = var.github_token_secret_id == "" || can(regex("^[A-Za-z0-9_-]{1,255}$", var.github_token_secret_id))
    error_message = "github_token_secret_id must be a secret id: letters, digits, '_' or '-'."
  }
}

variable "create_github_token_secret" {
  type        = bool
  description = "true: create the secret github_token_secret_id (its value is added with gcloud, never through Terraform); false: it exists already."
  default     = true
}

variable "stage_environment" {
  type        = map(string)
  description = "More environment for every stage (Batch__Environment__NAME), e.g. EPYDEMIX_DATA_DIR or OUTPUT_CONFIG_FILE."
  default     = {}

  validation {
    condition     = alltrue([for name in keys(var.stage_environment) : can(regex("^[A-Z_][A-Z0-9_]*$", name))])
    error_message = "stage_environment names must be environment variable names (A-Z, 0-9, _)."
  }
}

variable "max_parallelism" {
  type        = number
  description = "The default of how many Stage B tasks run at once (Policy__MaxParallelism); a run's request may override it."
  default     = 100

  validation {
    condition     = var.max_parallelism >= 1 && var.max_parallelism <= 5000 && floor(var.max_parallelism) == var.max_parallelism
    error_message = "max_parallelism must be a whole number from 1 to 5000."
  }
}

variable "spot" {
  type        = bool
  description = "Run stage VMs as Spot VMs by default (Policy__Spot): much cheaper, preemptions are retried by Batch."
  default     = true
}

variable "min_instances" {
  type        = number
  description = "The orchestrator's minimum Cloud Run instances: 0 scales to zero between events (cheapest), 1 answers without a cold start."
  default     = 0

  validation {
    condition     = var.min_instances >= 0 && var.min_instances <= 10 && floor(var.min_instances) == var.min_instances
    error_message = "min_instances must be a whole number from 0 to 10."
  }
}

variable "max_instances" {
  type        = number
  description = "The orchestrator's maximum Cloud Run instances (bounds Firestore contention and cost)."
  default     = 3

  validation {
    condition     = var.max_instances >= 1 && var.max_instances <= 100 && floor(var.max_instances) == var.max_instances
    error_message = "max_instances must be a whole number from 1 to 100."
  }
}

variable "concurrency" {
  type        = number
  description = "Requests one orchestrator instance serves at once (pushes, scheduler calls, API calls)."
  default     = 40

  validation {
    condition     = var.concurrency >= 1 && var.concurrency <= 1000 && floor(var.concurrency) == var.concurrency
    error_message = "concurrency must be a whole number from 1 to 1000."
  }
}

variable "cpu" {
  type        = string
  description = "vCPUs of one orchestrator instance."
  default     = "1"

  validation {
    condition     = contains(["1", "2", "4"], var.cpu)
    error_message = "cpu must be 1, 2 or 4."
  }
}

variable "memory" {
  type        = string
  description = "Memory of one orchestrator instance (Cloud Run syntax: 512Mi, 1Gi, ...)."
  default     = "1Gi"

  validation {
    condition     = can(regex("^[0-9]+(Mi|Gi)$", var.memory))
    error_message = "memory must look like 512Mi or 1Gi."
  }
}

variable "request_timeout_seconds" {
  type        = number
  description = "Cloud Run's request timeout for the orchestrator, in seconds (a push or a reconcile pass must finish within it)."
  default     = 300

  validation {
    condition     = var.request_timeout_seconds >= 60 && var.request_timeout_seconds <= 3600
    error_message = "request_timeout_seconds must be between 60 and 3600."
  }
}

variable "push_ack_deadline_seconds" {
  type        = number
  description = "How long Pub/Sub waits for the orchestrator to answer a push before redelivering it."
  default     = 60

  validation {
    condition     = var.push_ack_deadline_seconds >= 10 && var.push_ack_deadline_seconds <= 600
    error_message = "push_ack_deadline_seconds must be between 10 and 600."
  }
}

variable "push_max_delivery_attempts" {
  type        = number
  description = "Deliveries of a Batch event before Pub/Sub moves it to the dead-letter topic (the reconciler still heals the run)."
  default     = 10

  validation {
    condition     = var.push_max_delivery_attempts >= 5 && var.push_max_delivery_attempts <= 100
    error_message = "push_max_delivery_attempts must be between 5 and 100."
  }
}

variable "reconcile_schedule" {
  type        = string
  description = "Cron (UTC) of the reconcile call (POST /v1/reconcile): heals missed events, stuck commands and deadlines."
  default     = "*/5 * * * *"

  validation {
    condition     = length(split(" ", trimspace(var.reconcile_schedule))) == 5
    error_message = "reconcile_schedule must be a five-field cron expression such as */5 * * * *."
  }
}

variable "forecasts" {
  type = map(object({
    cron      = string
    time_zone = optional(string, "Etc/UTC")
    exp_id    = string
    overrides = optional(any, {})
  }))
  description = "Recurring forecasts: name => {cron, time_zone, exp_id, overrides}. Each posts {exp_id, ...overrides} to POST /v1/runs on its schedule; overrides are the request's other fields (labels, stage_b, max_parallelism, failure_tolerance, ...)."
  default     = {}

  validation {
    condition     = alltrue([for name, forecast in var.forecasts : can(regex("^[a-z0-9][a-z0-9-]{0,39}$", name))])
    error_message = "forecasts: names must be 1 to 40 lowercase letters, digits or hyphens (they name the scheduler jobs)."
  }

  validation {
    condition     = alltrue([for forecast in values(var.forecasts) : length(split(" ", trimspace(forecast.cron))) == 5 && trimspace(forecast.exp_id) != ""])
    error_message = "forecasts: each needs a five-field cron and an exp_id."
  }
}

variable "batch_subnet_cidr" {
  type        = string
  description = "The IP range of the Batch VMs' subnet (no external IPs: Cloud NAT for GitHub, Private Google Access for Google APIs)."
  default     = "10.20.0.0/20"

  validation {
    condition     = can(cidrhost(var.batch_subnet_cidr, 0))
    error_message = "batch_subnet_cidr must be a CIDR range such as 10.20.0.0/20."
  }
}

variable "alert_notification_channels" {
  type        = list(string)
  description = "Monitoring notification channels (projects/p/notificationChannels/n) the alert policies notify; empty: alerts show in the console only."
  default     = []

  validation {
    condition     = alltrue([for channel in var.alert_notification_channels : can(regex("^projects/[^/]+/notificationChannels/[^/]+$", channel))])
    error_message = "alert_notification_channels must be notification channel names (projects/p/notificationChannels/n)."
  }
}

variable "error_rate_threshold" {
  type        = number
  description = "The share of orchestrator requests answered 5xx over 5 minutes that raises an alert."
  default     = 0.05

  validation {
    condition     = var.error_rate_threshold > 0 && var.error_rate_threshold <= 1
    error_message = "error_rate_threshold must be in (0, 1]."
  }
}

variable "deployer_service_account" {
  type        = string
  description = "The account Cloud Build runs as (email), to be allowed to push images and deploy new orchestrator revisions; empty: grant nothing (deploy by hand)."
  default     = ""

  validation {
    condition     = var.deployer_service_account == "" || can(regex("^[^@\\s]+@[^@\\s]+$", var.deployer_service_account))
    error_message = "deployer_service_account must be empty or a service account email."
  }
}

variable "api_principals" {
  description = "Who may start, cancel and resume runs besides the scheduler, checked by the service itself: user:EMAIL, serviceAccount:EMAIL or domain:NAME (a Workspace domain). Groups: grant them roles/run.invoker (or IAP access) and list their domain here."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for principal in var.api_principals : can(regex("^(user:[^@\\s]+@[^@\\s]+|serviceAccount:[^@\\s]+@[^@\\s]+|domain:[a-z0-9.-]+\\.[a-z]+)$", principal))])
    error_message = "Each api_principals entry is user:EMAIL, serviceAccount:EMAIL or domain:NAME."
  }
}

variable "iap_audiences" {
  description = "When the dashboard sits behind Identity-Aware Proxy: the audiences of IAP's signed header the service accepts on Cancel and Resume (Api__IapAudiences), /projects/NUMBER/global/backendServices/ID or /projects/NUMBER/apps/PROJECT. Empty: none (gcloud run services proxy and epycloud still work)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for audience in var.iap_audiences : can(regex("^/projects/[0-9]+/(global/backendServices/[0-9]+|apps/[a-z0-9-]+)$", audience))])
    error_message = "Each iap_audiences entry is /projects/NUMBER/global/backendServices/ID or /projects/NUMBER/apps/PROJECT."
  }
}
