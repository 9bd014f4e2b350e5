using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Epy.Deployment.Tests.Terraform;

/// <summary>
/// Stands plausible values in for Terraform expressions (a variable's default, a service account's
/// email, a topic's id, ...), so the values the Terraform sets can be handed to the service's own
/// option validation. An expression it does not know fails the test: add a sample here.
/// </summary>
public sealed partial class SampleValues(TerraformConfig tf)
{
    private const string Project = "demo-project";

    // Variables without a default.
    private static readonly Dictionary<string, string> RequiredVariables = new(StringComparer.Ordinal)
    {
        ["project_id"] = Project,
        ["bucket_name"] = "demo-runs",
    };

    // Locals that are expressions rather than text.
    private static readonly Dictionary<string, string> ComputedLocals = new(StringComparer.Ordinal)
    {
        ["bucket_name"] = "demo-runs",
        ["github_token_secret"] = $"projects/{Project}/secrets/epy-github-token",
        ["service_url"] = "https://epy-orchestrator-123456789012.us-central1.run.app",
    };

    /// <summary><paramref name="text"/> with every <c>${...}</c> replaced by a sample value.</summary>
    public string Resolve(string text) => Interpolation().Replace(text, match => Expression(match.Groups[1].Value.Trim()));

    private string Expression(string expression)
    {
        if (Function().Match(expression) is { Success: true } call && call.Groups[1].Value == "tostring")
            return Expression(call.Groups[2].Value);
        var parts = expression.Split('.');
        return parts switch
        {
            ["var", var name] => Variable(name),
            ["local", var name] => Local(name),
            [var type, var name, var attribute] when type.StartsWith("google_", StringComparison.Ordinal) => Attribute(type, name, attribute),
            _ => throw new ShouldAssertException($"no sample value for ${{{expression}}}: add one to SampleValues"),
        };
    }

    private string Variable(string name)
    {
        if (RequiredVariables.TryGetValue(name, out var sample))
            return sample;
        var variable = tf.Variables.TryGetValue(name, out var declared) ? declared : throw new ShouldAssertException($"var.{name} is not declared");
        return variable["default"] switch
        {
            JsonValue value when value.GetValueKind() == JsonValueKind.String => Resolve(value.GetValue<string>()),
            JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>() ? "true" : "false",
            JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.GetValue<double>().ToString(CultureInfo.InvariantCulture),
            _ => throw new ShouldAssertException($"var.{name} has no default that can stand as text"),
        };
    }

    private string Local(string name)
    {
        if (ComputedLocals.TryGetValue(name, out var sample))
            return sample;
        return tf.Locals.TryGetValue(name, out var value) && Hcl.Text(value) is { } text
            ? Resolve(text)
            : throw new ShouldAssertException($"local.{name} is not declared");
    }

    private string Attribute(string type, string name, string attribute) => (type, attribute) switch
    {
        ("google_service_account", "email") when Keyed().Match(name) is { Success: true } keyed =>
            $"{Resolve(tf.Resource(type, keyed.Groups[1].Value).Text("account_id")!.Replace("${each.key}", keyed.Groups[2].Value, StringComparison.Ordinal))}@{Project}.iam.gserviceaccount.com",
        ("google_service_account", "email") => $"{Resolve(tf.Resource(type, name).Text("account_id")!)}@{Project}.iam.gserviceaccount.com",
        ("google_pubsub_topic", "id") => $"projects/{Project}/topics/{Resolve(tf.Resource(type, name).Text("name")!)}",
        ("google_compute_network", "id") => $"projects/{Project}/global/networks/{Resolve(tf.Resource(type, name).Text("name")!)}",
        ("google_compute_subnetwork", "id") => $"projects/{Project}/regions/us-central1/subnetworks/{Resolve(tf.Resource(type, name).Text("name")!)}",
        ("google_cloud_run_v2_service", "uri") => "https://epy-orchestrator-123456789012.us-central1.run.app",
        _ when tf.Resource(type, name).Text(attribute) is { } text => Resolve(text),
        _ => throw new ShouldAssertException($"no sample value for {type}.{name}.{attribute}: add one to SampleValues"),
    };

    // One instance of a for_each resource: name["key"].
    [GeneratedRegex("""^([a-z_]+)\["([a-z_-]+)"\]$""")]
    private static partial Regex Keyed();

    [GeneratedRegex(@"\$\{([^{}]+)\}")]
    private static partial Regex Interpolation();

    [GeneratedRegex(@"^([a-z]+)\((.+)\)$")]
    private static partial Regex Function();
}
