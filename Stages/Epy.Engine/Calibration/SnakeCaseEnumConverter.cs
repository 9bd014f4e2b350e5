using System.Text.Json;
using System.Text.Json.Serialization;

namespace Epy.Engine.Calibration;

/// <summary>Writes enum members as snake_case strings (<c>TopFraction</c> → <c>top_fraction</c>).</summary>
internal sealed class SnakeCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
