using System.Text.Json;
using System.Text.Json.Serialization;

namespace Epy.Stages.Pipeline;

/// <summary>Writes enum members as snake_case strings (<c>InitialProportion</c> → <c>initial_proportion</c>), as the rest of the stage documents.</summary>
internal sealed class SnakeCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
