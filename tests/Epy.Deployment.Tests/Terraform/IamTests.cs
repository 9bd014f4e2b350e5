namespace Epy.Deployment.Tests.Terraform;

/// <summary>
/// Least privilege (issue 19): exactly the grants each identity needs, each on the narrowest resource, one
/// account per stage (only the builder reads the GitHub token), no project-wide act-as, and each grant with
/// its reason written above it.
/// </summary>
public sealed class IamTests
{
    private static readonly TerraformConfig Tf = TerraformConfig.Current;
    private const string EachStage = "${google_service_account.stage}";

    // Which attribute names the resource a grant is on, by grant type.
    private static readonly Dictionary<string, string> Targets = new(StringComparer.Ordinal)
    {
        ["google_project_iam_member"] = "project",
        ["google_storage_bucket_iam_member"] = "bucket",
        ["google_service_account_iam_member"] = "service_account_id",
        ["google_pubsub_topic_iam_member"] = "topic",
        ["google_pubsub_subscription_iam_member"] = "subscription",
        ["google_secret_manager_secret_iam_member"] = "secret_id",
        ["google_artifact_registry_repository_iam_member"] = "repository",
        ["google_cloud_run_v2_service_iam_member"] = "name",
    };

    /// <summary>The roles the deployment may grant at all (issue 8's list, plus trace writing for the orchestrator's spans).</summary>
    private static readonly HashSet<string> AllowedRoles = new(StringComparer.Ordinal)
    {
        "roles/batch.jobsEditor", "roles/iam.serviceAccountUser", "roles/datastore.user", "roles/storage.objectUser",
        "roles/pubsub.publisher", "roles/pubsub.subscriber", "roles/secretmanager.secretAccessor", "roles/logging.logWriter",
        "roles/batch.agentReporter", "roles/artifactregistry.reader", "roles/run.invoker", "roles/cloudtrace.agent",
        // Only for the optional Cloud Build deployer.
        "roles/artifactregistry.writer", "roles/run.developer",
    };

    private static IEnumerable<(string Who, string Role, string On)> ExpectedGrants()
    {
        (string, string, string)[] fixedGrants =
        [
            ("orchestrator", "roles/batch.jobsEditor", "project"),
            ("orchestrator", "roles/datastore.user", "project"),
            ("orchestrator", "roles/logging.logWriter", "project"),
            ("orchestrator", "roles/cloudtrace.agent", "project"),
            ("orchestrator", "roles/storage.objectUser", "${local.bucket_name}"),
            ("stage.builder", "roles/secretmanager.secretAccessor", "${local.github_token_secret}"),
            ("push_invoker", "roles/run.invoker", "${google_cloud_run_v2_service.orchestrator.name}"),
            ("scheduler_invoker", "roles/run.invoker", "${google_cloud_run_v2_service.orchestrator.name}"),
            ("pubsub service agent", "roles/pubsub.publisher", "${google_pubsub_topic.batch_events_dead_letter.name}"),
            ("pubsub service agent", "roles/pubsub.subscriber", "${google_pubsub_subscription.batch_events_push.name}"),
            ("deployer", "roles/artifactregistry.writer", "${google_artifact_registry_repository.images.name}"),
            ("deployer", "roles/run.developer", "${google_cloud_run_v2_service.orchestrator.name}"),
            ("deployer", "roles/iam.serviceAccountUser", "${google_service_account.orchestrator.name}"),
        ];
        foreach (var grant in fixedGrants)
            yield return grant;
        foreach (var stage in Expected.Accounts.Stages)
        {
            yield return ("orchestrator", "roles/iam.serviceAccountUser", $"${{google_service_account.stage[\"{stage}\"].name}}");
            yield return ($"stage.{stage}", "roles/batch.agentReporter", "project");
            yield return ($"stage.{stage}", "roles/logging.logWriter", "project");
            yield return ($"stage.{stage}", "roles/artifactregistry.reader", "${google_artifact_registry_repository.images.name}");
            yield return ($"stage.{stage}", "roles/storage.objectUser", "${local.bucket_name}");
            yield return ($"stage.{stage}", "roles/pubsub.publisher", "${google_pubsub_topic.batch_events.name}");
        }
    }

    /// <summary>
    /// Every grant the Terraform makes: who (a service account's resource name, <c>stage.KEY</c> for a stage's, or a
    /// label), which role, on what (<c>project</c> for a project-wide role). A grant <c>for_each</c> stage account
    /// counts once per stage.
    /// </summary>
    private static List<(string Who, string Role, string On)> Grants()
    {
        var grants = new List<(string, string, string)>();
        foreach (var grant in Tf.Resources.Where(r => r.Type.Contains("_iam_", StringComparison.Ordinal)))
        {
            if (grant.Type == "google_project_iam_member" && grant.Text("for_each") == "${local.project_roles}")
            {
                foreach (var (_, entry) in Tf.LocalObject("project_roles"))
                    grants.Add((Who(Hcl.Text(entry!["member"])!), Hcl.Text(entry["role"])!, "project"));
                continue;
            }
            Targets.ShouldContainKey(grant.Type, $"{grant.Address}: a grant of an unexpected kind");
            var on = grant.Type == "google_project_iam_member" ? "project" : grant.Text(Targets[grant.Type])!;
            if (grant.Text("for_each") == EachStage)
            {
                foreach (var stage in Expected.Accounts.Stages)
                {
                    var account = $"google_service_account.stage[\"{stage}\"]";
                    grants.Add((Who(grant.Text("member")!.Replace("each.value", account, StringComparison.Ordinal)), grant.Text("role")!,
                        on.Replace("each.value", account, StringComparison.Ordinal)));
                }
                continue;
            }
            grants.Add((Who(grant.Text("member")!), grant.Text("role")!, on));
        }
        return grants;
    }

    private static string Who(string member) => member switch
    {
        "${local.pubsub_service_agent}" => "pubsub service agent",
        "serviceAccount:${var.deployer_service_account}" => "deployer",
        _ when member.StartsWith("${google_service_account.stage[\"", StringComparison.Ordinal) && member.EndsWith("\"].member}", StringComparison.Ordinal) =>
            "stage." + member["${google_service_account.stage[\"".Length..^"\"].member}".Length],
        _ when member.StartsWith("${google_service_account.", StringComparison.Ordinal) && member.EndsWith(".member}", StringComparison.Ordinal) =>
            member["${google_service_account.".Length..^".member}".Length],
        _ => throw new ShouldAssertException($"a grant to an unexpected member: {member}"),
    };

    [Fact]
    public void Grants_AreExactlyTheOnesEachIdentityNeeds()
    {
        Grants().ShouldBe(ExpectedGrants(), ignoreOrder: true);
    }

    [Fact]
    public void NoGrant_UsesARoleBeyondTheListedOnes()
    {
        Grants().Select(grant => grant.Role).Where(role => !AllowedRoles.Contains(role)).ShouldBeEmpty();
        Tf.Files.Values.SelectMany(Hcl.Strings).Where(text => text is "roles/owner" or "roles/editor" or "roles/viewer").ShouldBeEmpty("no basic roles");
    }

    [Fact]
    public void Grants_AreAdditive_NeverAuthoritative()
    {
        Tf.Resources.Where(r => r.Type.EndsWith("_iam_binding", StringComparison.Ordinal) || r.Type.EndsWith("_iam_policy", StringComparison.Ordinal))
            .ShouldBeEmpty("an _iam_binding or _iam_policy would remove grants made outside this Terraform");
    }

    [Fact]
    public void ServiceAccounts_AreTheOrchestrator_OnePerStage_AndTheTwoInvokers()
    {
        Tf.OfType("google_service_account").Select(account => account.Address).ShouldBe(
            [Expected.Accounts.Orchestrator, Expected.Accounts.Stage, Expected.Accounts.PushInvoker, Expected.Accounts.SchedulerInvoker],
            ignoreOrder: true);
        var stage = Tf.Resource("google_service_account", "stage");
        stage.Text("for_each").ShouldBe("${local.stages}");
        Tf.LocalObject("stages").Select(pair => pair.Key).ShouldBe(Expected.Accounts.Stages, ignoreOrder: true);
        stage.Text("account_id").ShouldBe("${var.name_prefix}-${each.key}");
    }

    [Fact]
    public void GitHubToken_IsReadableByTheBuilderAlone()
    {
        var readers = Grants().Where(grant => grant.Role == "roles/secretmanager.secretAccessor").ToList();

        readers.ShouldHaveSingleItem().ShouldBe(("stage.builder", "roles/secretmanager.secretAccessor", "${local.github_token_secret}"));
        Tf.Resources.Where(r => r.Type == "google_secret_manager_secret_iam_member").ShouldAllBe(r => r.Text("for_each") == null);
    }

    [Fact]
    public void ActingAs_IsGrantedOnSingleAccounts_NeverProjectWide()
    {
        Grants().Where(grant => grant.Role == "roles/iam.serviceAccountUser").Select(grant => grant.On)
            .ShouldBe([.. Expected.Accounts.Stages.Select(stage => $"${{google_service_account.stage[\"{stage}\"].name}}"), "${google_service_account.orchestrator.name}"],
                ignoreOrder: true);
        Grants().Where(grant => grant.On == "project").Select(grant => grant.Role)
            .ShouldNotContain(role => role == "roles/iam.serviceAccountUser" || role == "roles/iam.serviceAccountTokenCreator");
    }

    [Fact]
    public void Firestore_IsGrantedOnTheRunsDatabaseOnly()
    {
        var grant = Tf.Resource("google_project_iam_member", "orchestrator_firestore");

        grant.Text("role").ShouldBe("roles/datastore.user");
        Hcl.Text(grant.Block("condition")["expression"])
            .ShouldBe("resource.name == 'projects/${var.project_id}/databases/${google_firestore_database.runs.name}'");
    }

    [Fact]
    public void BucketGrants_AreConfinedToThePrefix_ForObjectsAndForListings_WhenThereIsOne()
    {
        var condition = Hcl.Text(Tf.Locals["bucket_prefix_condition"])!;
        condition.ShouldBe(
            "resource.name.startsWith('projects/_/buckets/${local.bucket_name}/objects/${var.dir_prefix}')" +
            " || api.getAttribute('storage.googleapis.com/objectListPrefix', '').startsWith('${var.dir_prefix}')");
        Hcl.Text(Tf.Locals["bucket_conditions"]).ShouldBe("${var.dir_prefix == \"\" ? [] : [local.bucket_prefix_condition]}");

        var bucketGrants = Tf.OfType("google_storage_bucket_iam_member");
        bucketGrants.Count.ShouldBe(2);
        foreach (var grant in bucketGrants)
        {
            var dynamic = Hcl.Block(grant.Body["dynamic"]!.AsObject(), "condition");
            Hcl.Text(dynamic["for_each"]).ShouldBe("${local.bucket_conditions}", grant.Address);
            Hcl.Text(Hcl.Block(dynamic, "content")["expression"]).ShouldBe("${condition.value}", grant.Address);
        }
    }

    [Fact]
    public void EveryGrant_HasItsReasonWrittenAboveIt()
    {
        var unexplained = new List<string>();
        foreach (var file in Directory.GetFiles(TerraformConfig.Folder, "*.tf"))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].StartsWith("resource \"google_", StringComparison.Ordinal) && lines[i].Contains("_iam_", StringComparison.Ordinal)
                    && (i == 0 || !lines[i - 1].TrimStart().StartsWith('#')))
                    unexplained.Add($"{Path.GetFileName(file)}:{i + 1}: {lines[i]}");
            }
        }
        unexplained.ShouldBeEmpty("each google_*_iam_* resource needs a '# reason' comment line right above it");
    }

    [Fact]
    public void EveryProjectRole_HasItsReasonWrittenAboveIt()
    {
        var lines = File.ReadAllLines(Path.Combine(TerraformConfig.Folder, "iam.tf"));
        var roles = Tf.LocalObject("project_roles").Select(pair => pair.Key).ToList();

        roles.ShouldNotBeEmpty();
        foreach (var role in roles)
        {
            var at = Array.FindIndex(lines, line => line.TrimStart().StartsWith(role + " ", StringComparison.Ordinal));
            at.ShouldBeGreaterThan(0, $"project_roles.{role} not found in iam.tf");
            lines[at - 1].TrimStart().ShouldStartWith("#", customMessage: $"project_roles.{role} needs a '# reason' line right above it");
        }
    }

    [Fact]
    public void BatchJobs_RunAsTheirStagesAccount()
    {
        var env = Tf.LocalObject("orchestrator_env");

        env.ShouldNotContainKey("Batch__ServiceAccountEmail");
        foreach (var (stage, setting) in new[] { ("builder", "Builder"), ("runner", "Runner"), ("output", "Output") })
            Hcl.Text(env[$"Batch__{setting}__ServiceAccountEmail"]).ShouldBe($"${{{Expected.Accounts.Stage}[\"{stage}\"].email}}");
        TestEnvironment.Sample()["Batch__Builder__ServiceAccountEmail"].ShouldBe("epy-builder@demo-project.iam.gserviceaccount.com");
    }
}
