using System.Text;

namespace Epy.Google.Firestore;

/// <summary>
/// A document's storage size as Firestore counts it against its 1 MiB (1,048,576 bytes) limit: the name
/// (each path segment's UTF-8 bytes + 1, + 16), plus per field its name's UTF-8 bytes + 1 and its value
/// (string: UTF-8 bytes + 1; integer, double, timestamp: 8; boolean, null: 1; array: its values; map:
/// its fields), plus 32. Pure.
/// </summary>
public static class FirestoreDocumentSize
{
    /// <summary>Firestore's limit on a document's size.</summary>
    public const int Limit = 1_048_576;

    /// <summary>The size of the document at <paramref name="path"/> (<c>runs/{id}</c>) holding <paramref name="fields"/>.</summary>
    public static long Of(string path, IReadOnlyDictionary<string, FirestoreValue> fields)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(fields);
        var name = path.Split('/').Sum(segment => (long)Encoding.UTF8.GetByteCount(segment) + 1) + 16;
        return name + Fields(fields) + 32;
    }

    private static long Fields(IReadOnlyDictionary<string, FirestoreValue> fields) =>
        fields.Sum(field => Encoding.UTF8.GetByteCount(field.Key) + 1 + Value(field.Value));

    private static long Value(FirestoreValue value) => value switch
    {
        { StringValue: { } text } => Encoding.UTF8.GetByteCount(text) + 1,
        { IntegerValue: not null } or { DoubleValue: not null } or { TimestampValue: not null } => 8,
        { ArrayValue: { } array } => (array.Values ?? []).Sum(Value),
        { MapValue: { } map } => map.Fields is { } inner ? Fields(inner) : 0,
        _ => 1,
    };
}
