using System.Text.Json.Serialization;

namespace Epy.Stages.Validation;

/// <summary>The snake-case JSON of <see cref="ValidationReport"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(ValidationReport))]
internal sealed partial class ValidationJsonContext : JsonSerializerContext;
