namespace Epy.Google.Firestore;

/// <summary>A <c>DocumentMask</c>: the field paths a write touches.</summary>
/// <param name="FieldPaths">The fields.</param>
public sealed record FirestoreDocumentMask(IReadOnlyList<string> FieldPaths);
