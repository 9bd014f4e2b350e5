namespace Epy.Google.Firestore;

/// <summary>A write's <c>currentDocument</c> precondition: set one of the two.</summary>
/// <param name="Exists">Whether the document must exist (false: it must not).</param>
/// <param name="UpdateTime">The update time the document must still have.</param>
public sealed record FirestorePrecondition(bool? Exists = null, string? UpdateTime = null)
{
    /// <summary>The document must not exist.</summary>
    public static FirestorePrecondition Missing { get; } = new(Exists: false);

    /// <summary>The document must be unchanged since <paramref name="updateTime"/>.</summary>
    public static FirestorePrecondition UpdatedAt(string updateTime) => new(UpdateTime: updateTime);
}
