using System.Text.RegularExpressions;

namespace Epy.Deployment.Tests.Terraform;

/// <summary>Cloud Scheduler: the reconcile pass and the recurring forecasts, each an authenticated POST to a route the service maps.</summary>
public sealed partial class SchedulerTests
{
    private static readonly TerraformConfig Tf = TerraformConfig.Current;

    private static (string Method, string Path) Target(TerraformBlock job)
    {
        var target = job.Block("http_target");
        var uri = Hcl.Text(target["uri"])!;
        uri.ShouldStartWith(Expected.ServiceUri, customMessage: $"{job.Address} must call the orchestrator service");
        return (Hcl.Text(target["http_method"])!, uri[Expected.ServiceUri.Length..]);
    }

    [Fact]
    public void Reconcile_PostsToTheReconcileRoute_EveryFewMinutes()
    {
        var job = Tf.Resource("google_cloud_scheduler_job", "reconcile");

        Target(job).ShouldBe(("POST", "/v1/reconcile"));
        OrchestratorSettings.Routes(TestEnvironment.Sample()).ShouldContain(Target(job));
        job.Text("schedule").ShouldBe("${var.reconcile_schedule}");
        var every = EveryMinutes().Match(Tf.Variables["reconcile_schedule"]["default"]!.GetValue<string>());
        every.Success.ShouldBeTrue("the default reconcile schedule should be */N * * * *");
        int.Parse(every.Groups[1].Value).ShouldBeLessThanOrEqualTo(10);
    }

    [Fact]
    public void RecurringForecasts_AreAMapOfJobs_EachPostingItsRunRequest()
    {
        var job = Tf.Resource("google_cloud_scheduler_job", "forecast");
        var body = Hcl.Text(job.Block("http_target")["body"])!;
        var type = Hcl.Text(Tf.Variables["forecasts"]["type"])!;

        job.Text("for_each").ShouldBe("${var.forecasts}");
        Target(job).ShouldBe(("POST", "/v1/runs"));
        OrchestratorSettings.Routes(TestEnvironment.Sample()).ShouldContain(Target(job));
        job.Text("schedule").ShouldBe("${each.value.cron}");
        job.Text("time_zone").ShouldBe("${each.value.time_zone}");
        body.ShouldBe("${base64encode(jsonencode(merge(each.value.overrides, { exp_id = each.value.exp_id })))}");
        Hcl.Text(job.Block("http_target")["headers"])!.ShouldContain("application/json");
        foreach (var field in new[] { "cron", "time_zone", "exp_id", "overrides" })
            type.ShouldContain(field);
    }

    [Fact]
    public void EveryJob_SignsWithTheSchedulerInvoker_ForTheApiAudience_WhomTheApiAloneLetsIn()
    {
        var env = Tf.LocalObject("orchestrator_env");
        var audiences = Listed(env, "Api__Audiences__");
        var principals = Listed(env, "Api__AllowedPrincipals__");
        var pushAllowed = Listed(env, "Push__AllowedEmails__");
        var service = Tf.Resource("google_cloud_run_v2_service", "orchestrator");

        foreach (var job in Tf.OfType("google_cloud_scheduler_job"))
        {
            var oidc = Hcl.Block(job.Block("http_target"), "oidc_token");
            Hcl.Text(oidc["service_account_email"]).ShouldBe($"${{{Expected.Accounts.SchedulerInvoker}.email}}", job.Address);
            var audience = Hcl.Text(oidc["audience"]);
            audiences.ShouldContain(audience, job.Address);
            audience.ShouldNotBe(Hcl.Text(env["Push__Audience"]), job.Address);
            Hcl.Strings(service.Body["custom_audiences"]).ShouldContain(audience);
        }
        Hcl.Text(env["Api__VerifyTokens"]).ShouldBe("true");
        principals.ShouldContain($"serviceAccount:${{{Expected.Accounts.SchedulerInvoker}.email}}");
        pushAllowed.ShouldNotContain($"${{{Expected.Accounts.SchedulerInvoker}.email}}", "the scheduler's token must not pass on the push endpoint");
    }

    private static List<string?> Listed(System.Text.Json.Nodes.JsonObject env, string prefix) =>
        env.Where(pair => pair.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(pair => Hcl.Text(pair.Value)).ToList();

    [GeneratedRegex(@"^\*/([0-9]+) \* \* \* \*$")]
    private static partial Regex EveryMinutes();
}
