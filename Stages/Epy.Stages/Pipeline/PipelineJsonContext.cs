using System.Text.Json.Serialization;

namespace Epy.Stages.Pipeline;

/// <summary>Snake-case JSON for the stage documents, enums as strings.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true, WriteIndented = true)]
[JsonSerializable(typeof(TaskInput))]
[JsonSerializable(typeof(BuildManifest))]
[JsonSerializable(typeof(TaskResult))]
[JsonSerializable(typeof(RunMetadata))]
internal sealed partial class PipelineJsonContext : JsonSerializerContext;
