using System.Text.Json.Serialization;
using Epy.Contracts.Builder;
using Epy.Contracts.Outputs;
using Epy.Engine.Sampling;

namespace Epy.Stages.Pipeline;

/// <summary>
/// Snake-case JSON for the stage documents, enum values too (<c>"kind": "calibration"</c>,
/// <c>"target": "initial_proportion"</c>). Reading is strict: a missing constructor parameter or a
/// null where the record does not allow one is a malformed document, not a default.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    Converters = [typeof(SnakeCaseEnumConverter<TaskKind>), typeof(SnakeCaseEnumConverter<SampleTarget>)])]
[JsonSerializable(typeof(TaskInput))]
[JsonSerializable(typeof(BuildManifest))]
[JsonSerializable(typeof(TaskResult))]
[JsonSerializable(typeof(RunMetadata))]
[JsonSerializable(typeof(FanChartsFile))]
[JsonSerializable(typeof(Epy.Stages.Outputs.Hub.SubmissionVerdict))]
internal sealed partial class PipelineJsonContext : JsonSerializerContext;
