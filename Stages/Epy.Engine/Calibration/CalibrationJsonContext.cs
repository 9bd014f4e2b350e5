using System.Text.Json.Serialization;
using Epy.Engine.Sampling;

namespace Epy.Engine.Calibration;

/// <summary>
/// Source-generated JSON metadata for <see cref="CalibrationResult"/> and <see cref="Projection"/>: snake_case names, enums as
/// snake_case strings, ±∞ as <c>"Infinity"</c>/<c>"-Infinity"</c>, missing or null fields rejected.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    Converters = [typeof(SnakeCaseEnumConverter<AbcStrategy>), typeof(SnakeCaseEnumConverter<CalibrationStopReason>), typeof(SnakeCaseEnumConverter<SampleTarget>)])]
[JsonSerializable(typeof(CalibrationResult))]
[JsonSerializable(typeof(Projection))]
public sealed partial class CalibrationJsonContext : JsonSerializerContext;
