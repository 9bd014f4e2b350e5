namespace Epy.Cli.Configuration;

/// <summary>What <c>epycloud config init</c> and <c>profile create</c> write: every known setting, commented.</summary>
public static class ConfigTemplates
{
    /// <summary>The base <c>config.yaml</c>.</summary>
    public const string Base = """
        # epycloud base settings. Layers above this one, each winning over the last:
        #   environments/{env}.yaml < profiles/{profile}.yaml < ./epycloud.yaml < secrets.yaml < EPYCLOUD_* variables
        # {environment} and {profile} in any value become the names in use.
        # A variable sets any key: EPYCLOUD_ + the key's parts in capitals joined by '__'
        # (google_cloud.project_id is EPYCLOUD_GOOGLE_CLOUD__PROJECT_ID).
        orchestrator:
          url: http://127.0.0.1:8765        # the Cloud Run service's URL in the cloud
        google_cloud:
          project_id: ""
          region: us-central1
          bucket_name: ""
        storage:
          dir_prefix: "pipeline/{environment}/{profile}/"
        docker:
          repository: epy                   # Artifact Registry repository (build, terraform); Terraform's name_prefix
          stage_image: ""                   # e.g. us-central1-docker.pkg.dev/PROJECT/epy/epy-stages
        github:
          forecast_repo: ""                 # owner/repo
        billing_project: ""
        defaults:
          image_tag: latest
          forecast_repo_ref: ""
          max_parallelism: 100
          task_count_per_node: 1
          spot: false
          max_retry_count: 3
          auto_resumes: 1
          stage_a:
            machine_type: ""
          stage_b:
            machine_type: ""
          stage_c:
            machine_type: ""

        """;

    /// <summary>The secrets file (created with mode 0600).</summary>
    public const string Secrets = """
        # Secrets: this file must stay mode 600 (epycloud refuses it otherwise). 'config show' masks these.
        github:
          personal_access_token: ""

        """;

    /// <summary>An environment's file.</summary>
    public static string Environment(string name) => $"""
        # Settings of environment '{name}' (epycloud --env {name}); they win over config.yaml.
        # orchestrator:
        #   url: https://epy-orchestrator-{name}-xxxx.a.run.app

        """;

    /// <summary>A profile's file.</summary>
    public static string Profile(string name) => $"""
        # Settings of profile '{name}' (epycloud profile use {name}); they win over the environment's.
        # defaults:
        #   max_parallelism: 50
        #   stage_b:
        #     machine_type: c4d-highcpu-8

        """;
}
