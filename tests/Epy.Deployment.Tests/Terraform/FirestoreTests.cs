using Epy.Orchestrator.Cloud.Firestore;
using F = Epy.Orchestrator.Cloud.Firestore.RunDocument.Fields;

namespace Epy.Deployment.Tests.Terraform;

/// <summary>Firestore: a Native-mode database, the composite indexes the run store's queries need, unindexed blobs, expiring markers.</summary>
public sealed class FirestoreTests
{
    private static readonly TerraformConfig Tf = TerraformConfig.Current;

    [Fact]
    public void Database_IsNativeMode_AndTheServiceUsesIt()
    {
        var database = Tf.Resource("google_firestore_database", "runs");

        database.Text("type").ShouldBe("FIRESTORE_NATIVE");
        Hcl.Text(Tf.LocalObject("orchestrator_env")["Firestore__DatabaseId"]).ShouldBe("${google_firestore_database.runs.name}");
    }

    [Fact]
    public void CompositeIndexes_AreThoseOfListingRuns_ByExperimentAndOrStatus_NewestFirst()
    {
        // FirestoreRunStore.ListAsync: equality on exp_id and/or status, ordered by run_id descending.
        string[][] expected =
        [
            [$"{F.ExpId} ASCENDING", $"{F.RunId} DESCENDING"],
            [$"{F.Status} ASCENDING", $"{F.RunId} DESCENDING"],
            [$"{F.ExpId} ASCENDING", $"{F.Status} ASCENDING", $"{F.RunId} DESCENDING"],
        ];

        var indexes = Tf.OfType("google_firestore_index").ToList();

        indexes.ShouldAllBe(index => index.Text("collection") == RunDocument.Runs && index.Text("query_scope") == "COLLECTION"
            && index.Text("database") == "${google_firestore_database.runs.name}");
        var declared = indexes.Select(index => index.Blocks("fields").Select(field => $"{Hcl.Text(field["field_path"])} {Hcl.Text(field["order"])}").ToArray()).ToList();
        declared.Select(fields => string.Join(", ", fields)).ShouldBe(expected.Select(fields => string.Join(", ", fields)), ignoreOrder: true);
    }

    [Fact]
    public void LargeRunFields_AreExemptFromIndexing()
    {
        var exempt = Tf.OfType("google_firestore_field").Where(field => field.Blocks("ttl_config").Count == 0).ToList();

        exempt.ShouldAllBe(field => field.Text("collection") == RunDocument.Runs && field.Blocks("index_config").Single().Count == 0,
            "an empty index_config removes the single-field indexes");
        exempt.Select(field => field.Text("field")).ShouldBe([F.StateJson, F.PolicyJson, F.Outbox], ignoreOrder: true);
    }

    [Fact]
    public void FieldConfigurations_AreChangedOneAtATime()
    {
        // Firestore refuses a field change while another is in progress: each waits for the one before.
        var fields = Tf.OfType("google_firestore_field").ToList();
        var first = fields.Where(field => field.Body["depends_on"] is null).ShouldHaveSingleItem();
        var order = new List<TerraformBlock> { first };
        while (fields.SingleOrDefault(field => Hcl.Strings(field.Body["depends_on"]).Contains($"${{{order[^1].Address}}}")) is { } next)
            order.Add(next);

        order.Count.ShouldBe(fields.Count, "every field configuration in one chain");
    }

    [Fact]
    public void ProcessedEventMarkers_ExpireByTheFieldTheStoreWrites()
    {
        var ttl = Tf.Resource("google_firestore_field", "event_marker_ttl");

        ttl.Text("collection").ShouldBe(RunDocument.Events);
        ttl.Text("field").ShouldBe(RunDocument.MarkerExpiresAt);
        ttl.Blocks("ttl_config").ShouldHaveSingleItem();
        RunDocument.Marker("e", 1, DateTimeOffset.UnixEpoch).ShouldContainKey(RunDocument.MarkerExpiresAt);
    }
}
