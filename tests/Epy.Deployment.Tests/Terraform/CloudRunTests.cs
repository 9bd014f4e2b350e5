using System.Text.RegularExpressions;
using Epy.Testing;

namespace Epy.Deployment.Tests.Terraform;

/// <summary>The Cloud Run service: the settings the orchestrator needs, its identity, sizing and access.</summary>
public sealed partial class CloudRunTests
{
    private static readonly TerraformConfig Tf = TerraformConfig.Current;
    private static readonly TerraformBlock Service = Tf.Resource("google_cloud_run_v2_service", "orchestrator");

    private static Dictionary<string, string> Environment() => TestEnvironment.Sample();

    [Fact]
    public void Container_TakesItsEnvironmentFromTheOrchestratorSettings()
    {
        var container = Hcl.Block(Service.Block("template"), "containers");
        var env = Hcl.Block(container["dynamic"]!.AsObject(), "env");

        Hcl.Text(env["for_each"])!.ShouldContain("local.orchestrator_env");
        var content = Hcl.Block(env, "content");
        Hcl.Text(content["name"]).ShouldBe("${env.key}");
        Hcl.Text(content["value"]).ShouldBe("${env.value}");
    }

    [Fact]
    public void Environment_PassesTheServicesOwnStartupValidation()
    {
        var problems = OrchestratorSettings.Problems(Environment());

        problems.ShouldBeEmpty();
    }

    [Fact]
    public void Environment_SetsEverySettingTheServiceRequires()
    {
        // Required = leaving it out makes the service refuse to start (its options' own checks). A list
        // (Push__AllowedEmails__0, __1, ...) is left out whole.
        var environment = Environment();
        var settings = environment.Keys.GroupBy(name => ListIndex().Replace(name, ""), StringComparer.Ordinal);
        var required = settings
            .Where(setting => OrchestratorSettings.Problems(environment.Where(pair => !setting.Contains(pair.Key)).ToDictionary()).Count > 0)
            .Select(setting => setting.Key)
            .ToHashSet(StringComparer.Ordinal);

        // Batch__Network: required because the Terraform sets Batch__Subnetwork.
        required.ShouldBe(
            ["EPY_MODE", "Batch__Project", "Batch__Region", "Batch__Bucket", "Batch__StageImage", "Batch__NotificationTopic", "Batch__Network", "Push__Audience", "Push__AllowedEmails",
             "Api__Audiences", "Api__AllowedPrincipals"],
            ignoreOrder: true);
    }

    [Fact]
    public void Environment_NamesOnlySettingsTheServiceReads()
    {
        Environment().Keys.Where(name => !OrchestratorSettings.IsKnown(name)).ShouldBeEmpty("not a property of the service's options classes");
        OrchestratorSettings.IsKnown("Batch__Projcet").ShouldBeFalse();
    }

    [Fact]
    public void Environment_SetsEverySettingTheReadmeCallsRequired()
    {
        var readme = File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "README.md"));
        var section = readme[readme.IndexOf("## Cloud mode", StringComparison.Ordinal)..];
        var required = section.Split('\n')
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal) && line.Split('|')[2].Trim() is "yes" or "bucket" or "image" or "while verifying")
            .SelectMany(line => Backticked().Matches(line.Split('|')[1]).Select(match => match.Groups[1].Value))
            .ToList();

        required.ShouldNotBeEmpty();
        required.Where(name => !Environment().ContainsKey(name)).ShouldBeEmpty();
    }

    [Fact]
    public void Service_RunsAsTheOrchestratorAccount_WithoutPublicAccess()
    {
        var template = Service.Block("template");

        Hcl.Text(template["service_account"]).ShouldBe("${google_service_account.orchestrator.email}");
        Service.Text("invoker_iam_disabled").ShouldBe("false");
        Tf.Resources.Where(r => r.Type.EndsWith("_iam_member", StringComparison.Ordinal) || r.Type.EndsWith("_iam_binding", StringComparison.Ordinal))
            .Select(r => r.Text("member") ?? Hcl.Text(r.Body["members"]))
            .ShouldAllBe(member => member != null && !member.Contains("allUsers") && !member.Contains("allAuthenticatedUsers"));
    }

    [Fact]
    public void Service_IsSized_AndScales_FromVariables()
    {
        var template = Service.Block("template");
        var scaling = Hcl.Block(template, "scaling");
        var container = Hcl.Block(template, "containers");
        var limits = Hcl.Block(container, "resources")["limits"]!.AsObject();

        Hcl.Text(scaling["min_instance_count"]).ShouldBe("${var.min_instances}");
        Hcl.Text(scaling["max_instance_count"]).ShouldBe("${var.max_instances}");
        Hcl.Text(template["max_instance_request_concurrency"]).ShouldBe("${var.concurrency}");
        Hcl.Text(template["timeout"]).ShouldBe("${var.request_timeout_seconds}s");
        Hcl.Text(limits["cpu"]).ShouldBe("${var.cpu}");
        Hcl.Text(limits["memory"]).ShouldBe("${var.memory}");
        Hcl.Text(container["image"]).ShouldBe("${local.orchestrator_image}:${var.image_tag}");
    }

    [Fact]
    public void Service_SendsTrafficToThePortTheServiceListensOn()
    {
        var port = Hcl.Text(Hcl.Block(Hcl.Block(Service.Block("template"), "containers"), "ports")["container_port"]);
        var dockerfile = File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "Dockerfile.orchestrator"));

        Environment()["ASPNETCORE_HTTP_PORTS"].ShouldBe(port);
        dockerfile.ShouldContain($"ASPNETCORE_HTTP_PORTS={port}");
    }

    [Fact]
    public void Probes_CallTheHealthEndpointTheServiceMaps()
    {
        var container = Hcl.Block(Service.Block("template"), "containers");
        var routes = OrchestratorSettings.Routes(Environment());

        foreach (var probe in new[] { "startup_probe", "liveness_probe" })
        {
            var path = Hcl.Text(Hcl.Block(Hcl.Block(container, probe), "http_get")["path"]);
            routes.ShouldContain(("GET", path!));
        }
    }

    [GeneratedRegex("__[0-9]+$")]
    private static partial Regex ListIndex();

    [GeneratedRegex("`([A-Za-z_]+(?:__[A-Za-z0-9_]+)+)`")]
    private static partial Regex Backticked();
}
