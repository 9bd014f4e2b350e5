using System.Globalization;
using System.Text.Json;
using Epy.Contracts.Builder;

namespace Epy.Orchestrator.Dashboard;

/// <summary>
/// What the run pages take from the builder's manifest (<see cref="BuildManifest"/>): each task's label and the
/// config files the builder copied. Read leniently, field by field, so a manifest of another schema version still
/// labels what it can.
/// </summary>
/// <param name="Kind">What the tasks do (<c>calibration</c>, <c>sampling</c>, ...); empty when not said.</param>
/// <param name="Labels">Each task's label by index: its location, with its sample row when it has one (<c>US-NH, row 4</c>).</param>
/// <param name="Configs">The config files copied under <c>config/</c>, in the builder's order.</param>
public sealed record RunManifest(string Kind, IReadOnlyDictionary<int, string> Labels, IReadOnlyList<ArtifactDigest> Configs)
{
    /// <summary>The manifest of <paramref name="json"/>, or null when it is not a JSON object.</summary>
    public static RunManifest? Parse(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return null;
            var labels = new Dictionary<int, string>();
            foreach (var task in Array(root, "tasks"))
            {
                if (task.ValueKind != JsonValueKind.Object || !task.TryGetProperty("index", out var index) || index.ValueKind != JsonValueKind.Number || !index.TryGetInt32(out var i))
                    continue;
                var location = Text(task, "location") ?? Text(task, "id") ?? "";
                labels[i] = task.TryGetProperty("sample_row", out var row) && row.ValueKind == JsonValueKind.Number && row.TryGetInt32(out var r)
                    ? string.Create(CultureInfo.InvariantCulture, $"{location}, row {r}")
                    : location;
            }
            var configs = Array(root, "configs")
                .Where(c => c.ValueKind == JsonValueKind.Object && Text(c, "name") is not null && Text(c, "path") is not null)
                .Select(c => new ArtifactDigest(Text(c, "name")!, Text(c, "path")!, Text(c, "sha256") ?? ""))
                .ToList();
            return new RunManifest(Text(root, "kind") ?? "", labels, configs);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonElement[] Array(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray()] : [];

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
