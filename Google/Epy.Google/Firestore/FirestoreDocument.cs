namespace Epy.Google.Firestore;

/// <summary>A Firestore <c>Document</c> as REST v1 reads and writes it.</summary>
/// <param name="Name">Its full name, <c>projects/{p}/databases/{d}/documents/{path}</c>.</param>
/// <param name="Fields">Its fields (absent when it has none).</param>
/// <param name="UpdateTime">When it last changed (set by Firestore; the precondition a later write can name).</param>
public sealed record FirestoreDocument(string Name, IReadOnlyDictionary<string, FirestoreValue>? Fields, string? UpdateTime = null)
{
    /// <summary>The field <paramref name="name"/>; a <see cref="FormatException"/> names the document when it is missing.</summary>
    public FirestoreValue Field(string name) =>
        Fields is not null && Fields.TryGetValue(name, out var value) ? value : throw new FormatException($"{Name} has no field '{name}'");
}
