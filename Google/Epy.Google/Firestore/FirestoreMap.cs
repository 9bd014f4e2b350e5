namespace Epy.Google.Firestore;

/// <summary>A Firestore <c>MapValue</c>.</summary>
/// <param name="Fields">Its named values; null (absent) when it is empty.</param>
public sealed record FirestoreMap(IReadOnlyDictionary<string, FirestoreValue>? Fields);
