using System.Globalization;
using System.IO.Compression;
using System.Text.Json;

namespace Epy.Orchestrator.Dashboard;

/// <summary>
/// A calibrated task's progress generation by generation, read from its result file
/// (<c>runner-artifacts/result_{00000}.json.gz</c>: the <c>calibration</c> object the engine writes).
/// </summary>
/// <param name="Strategy">The algorithm (<c>smc</c>, <c>rejection</c>, <c>top_fraction</c>); empty when read from the log.</param>
/// <param name="StopReason">Why it stopped; empty while it runs.</param>
/// <param name="Generations">Its completed generations, in order.</param>
public sealed record CalibrationDiagnostics(string Strategy, string StopReason, IReadOnlyList<CalibrationGenerationRow> Generations)
{
    /// <summary>The most a result file may hold once decompressed to be read here.</summary>
    public const long MaxResultBytes = 256L * 1024 * 1024;

    private static readonly JsonSerializerOptions Lenient = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>
    /// The diagnostics in the gzipped result <paramref name="gzip"/>; null when the task calibrated nothing
    /// (its <c>calibration</c> is null or missing).
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not gzip, not JSON, or larger than <see cref="MaxResultBytes"/>; the message says which.</exception>
    public static CalibrationDiagnostics? Read(byte[] gzip)
    {
        ArgumentNullException.ThrowIfNull(gzip);
        try
        {
            using var unzipped = new GZipStream(new MemoryStream(gzip, writable: false), CompressionMode.Decompress);
            using var bounded = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = unzipped.Read(buffer)) > 0)
            {
                if (bounded.Length + read > MaxResultBytes)
                    throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"the result is over {MaxResultBytes / 1024 / 1024} MiB once decompressed"));
                bounded.Write(buffer, 0, read);
            }
            using var document = JsonDocument.Parse(bounded.GetBuffer().AsMemory(0, (int)bounded.Length));
            if (!document.RootElement.TryGetProperty("calibration", out var calibration) || calibration.ValueKind != JsonValueKind.Object)
                return null;
            var generations = calibration.TryGetProperty("generations", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(Generation).ToList()
                : [];
            return new CalibrationDiagnostics(Text(calibration, "strategy"), Text(calibration, "stop_reason"), generations);
        }
        catch (JsonException malformed)
        {
            throw new InvalidDataException($"the result is not valid JSON: {malformed.Message}", malformed);
        }
    }

    private static CalibrationGenerationRow Generation(JsonElement g) => new(
        Get<int>(g, "index"),
        Get<double>(g, "epsilon"),
        g.TryGetProperty("weights", out var weights) && weights.ValueKind == JsonValueKind.Array ? weights.GetArrayLength() : 0,
        (long?)Get<long>(g, "simulations"),
        Get<double>(g, "acceptance_rate"),
        Get<double>(g, "wall_time_seconds"));

    private static T Get<T>(JsonElement element, string name) where T : struct =>
        element.TryGetProperty(name, out var value) ? value.Deserialize<T>(Lenient) : default;

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
