namespace Epy.Orchestrator.Cloud.Tests.CloudMode;

/// <summary>
/// A cloud-mode configuration for tests, as Cloud Run's environment would give it (<c>Batch__Project</c> is
/// <c>Batch:Project</c> here): the Firestore emulator, a Batch endpoint, a Cloud Storage endpoint, a topic.
/// </summary>
public static class CloudSettings
{
    /// <summary>The Batch project and the Pub/Sub project.</summary>
    public const string Project = "test-project";

    /// <summary>The Batch region.</summary>
    public const string Region = "us-central1";

    /// <summary>The runs' prefix inside the bucket.</summary>
    public const string DirPrefix = "pipeline/flu/";

    /// <summary>An address where nothing answers, for a service a test never lets it call.</summary>
    public static Uri Nowhere { get; } = new("http://127.0.0.1:9/");

    /// <summary>The settings of a service on <paramref name="firestore"/>'s emulator (in <paramref name="firestoreProject"/>).</summary>
    public static Dictionary<string, string?> For(Uri firestore, string firestoreProject, Uri batch, Uri storage, string bucket, string topic) => new()
    {
        ["EPY_MODE"] = "cloud",
        ["FIRESTORE_EMULATOR_HOST"] = $"{firestore.Host}:{firestore.Port}",
        ["Firestore:ProjectId"] = firestoreProject,
        ["STORAGE_EMULATOR_HOST"] = storage.GetLeftPart(UriPartial.Authority),
        ["Batch:BaseAddress"] = batch.ToString(),
        ["Batch:Project"] = Project,
        ["Batch:Region"] = Region,
        ["Batch:Bucket"] = bucket,
        ["Batch:DirPrefix"] = DirPrefix,
        ["Batch:StageImage"] = $"{Region}-docker.pkg.dev/{Project}/epy/epy-stages",
        ["Batch:NotificationTopic"] = topic,
        // The emulator pushes without a token.
        ["Push:VerifyTokens"] = "false",
        // Callers' tokens are checked by ApiCallerTests; the other tests call the API without one.
        ["Api:VerifyTokens"] = "false",
    };
}
