using System.Text.Json.Nodes;
using Epy.Google.Firestore;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Ports;

namespace Epy.Orchestrator.Cloud.Firestore;

// Listing: structured queries on the typed fields of run documents.
public sealed partial class FirestoreRunStore
{
    /// <inheritdoc />
    public async Task<RunPage> ListAsync(RunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filters = new List<JsonObject>();
        if (query.Experiment is { } experiment)
            filters.Add(Where(RunDocument.Fields.ExpId, "EQUAL", experiment.Value));
        if (query.Status is { } status)
            filters.Add(Where(RunDocument.Fields.Status, "EQUAL", status.ToWire()));
        if (query.After is { } after)
            filters.Add(Where(RunDocument.Fields.RunId, "LESS_THAN", after.Value));
        var structured = new JsonObject
        {
            ["from"] = new JsonArray(new JsonObject { ["collectionId"] = RunDocument.Runs }),
            ["orderBy"] = new JsonArray(Order(RunDocument.Fields.RunId, "DESCENDING")),
            // One more than a page says whether another page follows.
            ["limit"] = query.Limit + 1,
        };
        if (All(filters) is { } where)
            structured["where"] = where;
        var documents = await client.QueryAsync(structured, cancellationToken).ConfigureAwait(false);
        return RunPage.Of([.. documents.Select(RunDocument.Decode)], query.Limit);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredRun>> ListUnsettledAsync(CancellationToken cancellationToken)
    {
        // terminal == false OR has_outbox == true, paged by document name (runs/{run_id}, so by run id).
        var runs = new List<StoredRun>();
        string? last = null;
        while (true)
        {
            var structured = new JsonObject
            {
                ["from"] = new JsonArray(new JsonObject { ["collectionId"] = RunDocument.Runs }),
                ["where"] = new JsonObject
                {
                    ["compositeFilter"] = new JsonObject
                    {
                        ["op"] = "OR",
                        ["filters"] = new JsonArray(
                            Where(RunDocument.Fields.Terminal, "EQUAL", false),
                            Where(RunDocument.Fields.HasOutbox, "EQUAL", true)),
                    },
                },
                ["orderBy"] = new JsonArray(Order("__name__", "ASCENDING")),
                ["limit"] = client.QueryPageSize,
            };
            if (last is not null)
                structured["startAt"] = new JsonObject { ["values"] = new JsonArray(new JsonObject { ["referenceValue"] = last }), ["before"] = false };
            var page = await client.QueryAsync(structured, cancellationToken).ConfigureAwait(false);
            runs.AddRange(page.Select(RunDocument.Decode));
            if (page.Count < client.QueryPageSize)
                return runs;
            last = page[^1].Name;
        }
    }

    private static JsonObject? All(List<JsonObject> filters) => filters.Count switch
    {
        0 => null,
        1 => filters[0],
        _ => new JsonObject { ["compositeFilter"] = new JsonObject { ["op"] = "AND", ["filters"] = new JsonArray([.. filters]) } },
    };

    private static JsonObject Where(string field, string op, string value) => Where(field, op, new JsonObject { ["stringValue"] = value });

    private static JsonObject Where(string field, string op, bool value) => Where(field, op, new JsonObject { ["booleanValue"] = value });

    private static JsonObject Where(string field, string op, JsonObject value) => new()
    {
        ["fieldFilter"] = new JsonObject { ["field"] = new JsonObject { ["fieldPath"] = field }, ["op"] = op, ["value"] = value },
    };

    private static JsonObject Order(string field, string direction) => new()
    {
        ["field"] = new JsonObject { ["fieldPath"] = field },
        ["direction"] = direction,
    };
}
