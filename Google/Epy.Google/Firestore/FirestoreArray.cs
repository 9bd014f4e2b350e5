namespace Epy.Google.Firestore;

/// <summary>A Firestore <c>ArrayValue</c>.</summary>
/// <param name="Values">Its items; null (absent) when it is empty.</param>
public sealed record FirestoreArray(IReadOnlyList<FirestoreValue>? Values);
