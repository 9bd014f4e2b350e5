# Log-based metrics, dashboards and alerts. The orchestrator logs one Cloud Logging JSON entry per line
# (EpyConsoleFormatter: severity, message, logger, run_id, ...): RunEventProcessor's
# "run {Run}: {Kind} moved {From} -> {To}, N command(s)" names the new state in jsonPayload.message. The
# runner stage writes the same JSON in Batch (StageLog); its closing "runner: task N (...) ... in S s"
# entry reaches the batch_task_logs log.
locals {
  orchestrator_logs = join(" AND ", [
    "resource.type=\"cloud_run_revision\"",
    "resource.labels.service_name=\"${local.service_name}\"",
    "jsonPayload.logger=\"Epy.Orchestrator.Handling.RunEventProcessor\"",
    "jsonPayload.message=~\" moved [A-Za-z]+ -> [A-Za-z]+,\"",
  ])
  runner_task_logs = join(" AND ", [
    "logName=\"projects/${var.project_id}/logs/batch_task_logs\"",
    "jsonPayload.message=~\"^runner: task [0-9]+ .* in [0-9.]+ s$\"",
  ])
  service_metrics = "resource.type=\"cloud_run_revision\" AND resource.labels.service_name=\"${local.service_name}\""
}

resource "google_logging_metric" "run_transitions" {
  project     = var.project_id
  name        = "${var.name_prefix}_run_transitions"
  description = "Runs entering a state (label `to`: Pending, BuildingInputs, RunningTasks, Aggregating, Succeeded, Failed, Cancelling, Cancelled)."
  filter      = local.orchestrator_logs

  label_extractors = {
    to = "REGEXP_EXTRACT(jsonPayload.message, \"-> ([A-Za-z]+),\")"
  }

  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
    unit        = "1"
    labels {
      key         = "to"
      value_type  = "STRING"
      description = "The state the run moved to."
    }
  }
}

resource "google_logging_metric" "run_failures" {
  project     = var.project_id
  name        = "${var.name_prefix}_run_failures"
  description = "Runs that moved to Failed."
  filter      = "${local.orchestrator_logs} AND jsonPayload.message=~\"-> Failed,\""

  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
    unit        = "1"
  }
}

resource "google_logging_metric" "runner_task_seconds" {
  project         = var.project_id
  name            = "${var.name_prefix}_runner_task_seconds"
  description     = "How long each Stage B task took (the runner's closing line)."
  filter          = local.runner_task_logs
  value_extractor = "REGEXP_EXTRACT(jsonPayload.message, \"in ([0-9.]+) s$\")"

  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "DISTRIBUTION"
    unit        = "s"
  }

  bucket_options {
    exponential_buckets {
      num_finite_buckets = 32
      growth_factor      = 1.5
      scale              = 1
    }
  }
}

resource "google_monitoring_dashboard" "runs" {
  project = var.project_id
  dashboard_json = jsonencode({
    displayName = "Epy runs (${var.environment})"
    labels      = merge(local.labels, { component = "monitoring" })
    gridLayout = {
      columns = 2
      widgets = [
        {
          title = "Runs by state entered"
          xyChart = {
            dataSets = [{
              plotType = "STACKED_BAR"
              timeSeriesQuery = {
                timeSeriesFilter = {
                  filter      = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.run_transitions.name}\""
                  aggregation = { alignmentPeriod = "300s", perSeriesAligner = "ALIGN_SUM", crossSeriesReducer = "REDUCE_SUM", groupByFields = ["metric.label.to"] }
                }
              }
            }]
          }
        },
        {
          title = "Failed runs"
          xyChart = {
            dataSets = [{
              plotType = "STACKED_BAR"
              timeSeriesQuery = {
                timeSeriesFilter = {
                  filter      = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.run_failures.name}\""
                  aggregation = { alignmentPeriod = "300s", perSeriesAligner = "ALIGN_SUM", crossSeriesReducer = "REDUCE_SUM" }
                }
              }
            }]
          }
        },
        {
          title = "Stage B task duration (p50, p95)"
          xyChart = {
            dataSets = [for aligner in ["ALIGN_PERCENTILE_50", "ALIGN_PERCENTILE_95"] : {
              plotType = "LINE"
              timeSeriesQuery = {
                timeSeriesFilter = {
                  filter      = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.runner_task_seconds.name}\""
                  aggregation = { alignmentPeriod = "300s", perSeriesAligner = aligner, crossSeriesReducer = "REDUCE_MEAN" }
                }
              }
            }]
          }
        },
        {
          title = "Stage B tasks finished"
          xyChart = {
            dataSets = [{
              plotType = "STACKED_BAR"
              timeSeriesQuery = {
                timeSeriesFilter = {
                  filter      = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.runner_task_seconds.name}\""
                  aggregation = { alignmentPeriod = "300s", perSeriesAligner = "ALIGN_COUNT", crossSeriesReducer = "REDUCE_SUM" }
                }
              }
            }]
          }
        },
      ]
    }
  })
}

resource "google_monitoring_dashboard" "orchestrator" {
  project = var.project_id
  dashboard_json = jsonencode({
    displayName = "Epy orchestrator (${var.environment})"
    labels      = merge(local.labels, { component = "monitoring" })
    gridLayout = {
      columns = 2
      widgets = [
        {
          title = "Orchestrator request latency (p50, p95, p99)"
          xyChart = {
            dataSets = [for aligner in ["ALIGN_PERCENTILE_50", "ALIGN_PERCENTILE_95", "ALIGN_PERCENTILE_99"] : {
              plotType = "LINE"
              timeSeriesQuery = {
                timeSeriesFilter = {
                  filter      = "metric.type=\"run.googleapis.com/request_latencies\" AND ${local.service_metrics}"
                  aggregation = { alignmentPeriod = "60s", perSeriesAligner = aligner, crossSeriesReducer = "REDUCE_MEAN" }
                }
              }
            }]
          }
        },
        {
          title = "Orchestrator requests by response class (errors: 4xx, 5xx)"
          xyChart = {
            dataSets = [{
              plotType = "STACKED_BAR"
              timeSeriesQuery = {
                timeSeriesFilter = {
                  filter      = "metric.type=\"run.googleapis.com/request_count\" AND ${local.service_metrics}"
                  aggregation = { alignmentPeriod = "60s", perSeriesAligner = "ALIGN_RATE", crossSeriesReducer = "REDUCE_SUM", groupByFields = ["metric.label.response_code_class"] }
                }
              }
            }]
          }
        },
        {
          title = "Batch events waiting (push subscription, oldest unacknowledged age)"
          xyChart = {
            dataSets = [{
              plotType = "LINE"
              timeSeriesQuery = {
                timeSeriesFilter = {
                  filter      = "metric.type=\"pubsub.googleapis.com/subscription/oldest_unacked_message_age\" AND resource.type=\"pubsub_subscription\" AND resource.labels.subscription_id=\"${google_pubsub_subscription.batch_events_push.name}\""
                  aggregation = { alignmentPeriod = "60s", perSeriesAligner = "ALIGN_MAX" }
                }
              }
            }]
          }
        },
        {
          title = "Dead-lettered Batch events"
          xyChart = {
            dataSets = [{
              plotType = "LINE"
              timeSeriesQuery = {
                timeSeriesFilter = {
                  filter      = "metric.type=\"pubsub.googleapis.com/subscription/num_undelivered_messages\" AND resource.type=\"pubsub_subscription\" AND resource.labels.subscription_id=\"${google_pubsub_subscription.batch_events_dead_letter.name}\""
                  aggregation = { alignmentPeriod = "60s", perSeriesAligner = "ALIGN_MAX" }
                }
              }
            }]
          }
        },
      ]
    }
  })
}

resource "google_monitoring_alert_policy" "run_failed" {
  project               = var.project_id
  display_name          = "Epy (${var.environment}): a run failed"
  combiner              = "OR"
  notification_channels = var.alert_notification_channels
  user_labels           = merge(local.labels, { component = "monitoring" })

  conditions {
    display_name = "a run moved to Failed"
    condition_threshold {
      filter          = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.run_failures.name}\" AND resource.type=\"cloud_run_revision\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"
      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_SUM"
        cross_series_reducer = "REDUCE_SUM"
      }
    }
  }

  alert_strategy {
    auto_close = "3600s"
  }

  documentation {
    mime_type = "text/markdown"
    content   = "A run failed. `epycloud runs list --state failed` names it; `epycloud runs show RUN_ID` lists the failed tasks, and `epycloud runs resume RUN_ID` runs them again."
  }
}

resource "google_monitoring_alert_policy" "dead_letter_backlog" {
  project               = var.project_id
  display_name          = "Epy (${var.environment}): Batch events dead-lettered"
  combiner              = "OR"
  notification_channels = var.alert_notification_channels
  user_labels           = merge(local.labels, { component = "monitoring" })

  conditions {
    display_name = "messages wait on the dead-letter subscription"
    condition_threshold {
      filter          = "metric.type=\"pubsub.googleapis.com/subscription/num_undelivered_messages\" AND resource.type=\"pubsub_subscription\" AND resource.labels.subscription_id=\"${google_pubsub_subscription.batch_events_dead_letter.name}\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "300s"
      aggregations {
        alignment_period   = "300s"
        per_series_aligner = "ALIGN_MAX"
      }
    }
  }

  alert_strategy {
    auto_close = "86400s"
  }

  documentation {
    mime_type = "text/markdown"
    content   = "Pub/Sub gave up delivering Batch events to POST /v1/events/batch (the orchestrator kept failing them). The reconciler heals the runs; look at the orchestrator's errors, then pull and acknowledge the messages of the dead-letter subscription."
  }
}

resource "google_monitoring_alert_policy" "orchestrator_errors" {
  project               = var.project_id
  display_name          = "Epy (${var.environment}): orchestrator 5xx rate"
  combiner              = "OR"
  notification_channels = var.alert_notification_channels
  user_labels           = merge(local.labels, { component = "monitoring" })

  conditions {
    display_name = "5xx answers above the threshold share of requests"
    condition_threshold {
      filter             = "metric.type=\"run.googleapis.com/request_count\" AND ${local.service_metrics} AND metric.labels.response_code_class=\"5xx\""
      denominator_filter = "metric.type=\"run.googleapis.com/request_count\" AND ${local.service_metrics}"
      comparison         = "COMPARISON_GT"
      threshold_value    = var.error_rate_threshold
      duration           = "300s"
      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
      }
      denominator_aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
      }
    }
  }

  alert_strategy {
    auto_close = "3600s"
  }

  documentation {
    mime_type = "text/markdown"
    content   = "The orchestrator answers 5xx to many requests: a Firestore, Batch or Cloud Storage outage (pushes are retried by Pub/Sub), or a bad revision (roll back in Cloud Run)."
  }
}
