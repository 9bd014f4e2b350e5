namespace Epy.Google.Firestore;

/// <summary>One write of a commit: replaces a document (or only the fields of <see cref="UpdateMask"/>), if its precondition holds.</summary>
/// <param name="Update">The document to write.</param>
/// <param name="CurrentDocument">What must be true of the stored document for the whole commit to apply.</param>
/// <param name="UpdateMask">When set, only these fields are written and the others kept.</param>
public sealed record FirestoreWrite(FirestoreDocument Update, FirestorePrecondition? CurrentDocument = null, FirestoreDocumentMask? UpdateMask = null)
{
    /// <summary>Creates <paramref name="document"/>; the commit fails (ALREADY_EXISTS) if it exists.</summary>
    public static FirestoreWrite Create(FirestoreDocument document) => new(document, FirestorePrecondition.Missing);

    /// <summary>Replaces <paramref name="document"/> as it was last seen at <paramref name="updateTime"/>; the commit fails (FAILED_PRECONDITION) if it changed since.</summary>
    public static FirestoreWrite Replace(FirestoreDocument document, string updateTime) => new(document, FirestorePrecondition.UpdatedAt(updateTime));
}
