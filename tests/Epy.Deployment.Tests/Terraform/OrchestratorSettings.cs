using System.Collections;
using Epy.Google.Firestore;
using Epy.Orchestrator.Api;
using Epy.Orchestrator.Cloud;
using Epy.Orchestrator.Cloud.Batch;
using Epy.Orchestrator.Cloud.Firestore;
using Epy.Orchestrator.Cloud.Push;
using Epy.Orchestrator.Cloud.Storage;
using Epy.Orchestrator.Hosting;
using Epy.Orchestrator.Runs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Epy.Deployment.Tests.Terraform;

/// <summary>
/// The orchestrator's own reading of its environment: the options classes it binds in cloud mode, their
/// start-up validation, and the routes it maps. The Terraform is checked against these, not against a
/// copy of them.
/// </summary>
public static class OrchestratorSettings
{
    /// <summary>The configuration sections and the options class each binds to.</summary>
    public static readonly IReadOnlyDictionary<string, Type> Sections = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase)
    {
        [BatchOptions.Section] = typeof(BatchOptions),
        ["Firestore"] = typeof(FirestoreOptions),
        [StorageOptions.Section] = typeof(StorageOptions),
        [PolicyOptions.Section] = typeof(PolicyOptions),
        [PushOptions.Section] = typeof(PushOptions),
        [Epy.Orchestrator.Cloud.Auth.ApiCallerOptions.Section] = typeof(Epy.Orchestrator.Cloud.Auth.ApiCallerOptions),
    };

    /// <summary>Variables read outside the options sections: the mode, the HTTP port, the log format.</summary>
    public static readonly IReadOnlySet<string> HostVariables = new HashSet<string>(StringComparer.Ordinal)
    {
        ServiceDefaults.ModeVariable, "ASPNETCORE_HTTP_PORTS", Epy.Contracts.Logging.LogFormats.FormatVariable,
    };

    /// <summary>
    /// Every problem the service's start-up validation finds with <paramref name="environment"/> (as
    /// environment variables: <c>Section__Key</c>), exactly as it would stop on Cloud Run.
    /// </summary>
    public static IReadOnlyList<string> Problems(IReadOnlyDictionary<string, string> environment)
    {
        var configuration = Configuration(environment);
        var problems = new List<string>();
        if (!configuration.IsCloudMode())
            problems.Add($"{ServiceDefaults.ModeVariable} must be 'cloud'");
        var services = new ServiceCollection().AddLogging();
        services.AddCloudMode(configuration);
        using var provider = services.BuildServiceProvider();
        foreach (var options in Sections.Values)
        {
            var accessor = typeof(IOptions<>).MakeGenericType(options);
            try
            {
                _ = accessor.GetProperty(nameof(IOptions<object>.Value))!.GetValue(provider.GetRequiredService(accessor));
            }
            catch (System.Reflection.TargetInvocationException invoked) when (invoked.InnerException is OptionsValidationException invalid)
            {
                problems.AddRange(invalid.Failures);
            }
        }
        return problems;
    }

    /// <summary>The routes (method and pattern) the service maps in cloud mode, composed as Program.cs composes it.</summary>
    public static IReadOnlyList<(string Method, string Pattern)> Routes(IReadOnlyDictionary<string, string> environment)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddConfiguration(Configuration(environment));
        builder.Logging.ClearProviders();
        builder.AddOrchestrator(OrchestratorMode.From(builder.Configuration));
        using var app = builder.Build();
        app.MapOrchestrator();
        return [.. ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => (method, endpoint.RoutePattern.RawText ?? "")))];
    }

    /// <summary>
    /// Whether <paramref name="variable"/> names something the service reads: a host variable, or a
    /// property path of an options class (<c>Batch__Builder__MachineType</c>, <c>Push__AllowedEmails__0</c>,
    /// <c>Batch__Environment__NAME</c>).
    /// </summary>
    public static bool IsKnown(string variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (HostVariables.Contains(variable))
            return true;
        var parts = variable.Split("__");
        if (parts.Length < 2 || !Sections.TryGetValue(parts[0], out var type))
            return false;
        foreach (var part in parts[1..])
        {
            if (type.IsGenericType && type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>)))
                return true;
            if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type))
            {
                if (!int.TryParse(part, out _))
                    return false;
                type = type.IsArray ? type.GetElementType()! : type.GetGenericArguments()[0];
                continue;
            }
            var property = type.GetProperty(part, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase);
            if (property is null || !property.CanWrite)
                return false;
            type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        }
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(Uri) || type == typeof(TimeSpan) || type == typeof(decimal);
    }

    private static IConfiguration Configuration(IReadOnlyDictionary<string, string> environment) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Select(pair => new KeyValuePair<string, string?>(pair.Key.Replace("__", ":", StringComparison.Ordinal), pair.Value)))
            .Build();
}
