using System.Text.Json.Nodes;

namespace Epy.Testing.Batch;

/// <summary>One task of a fake job.</summary>
internal sealed class FakeBatchTask
{
    public required int Index { get; init; }

    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    public string State { get; set; } = "PENDING";

    public int Retries { get; set; }

    public List<JsonObject> StatusEvents { get; } = [];
}
