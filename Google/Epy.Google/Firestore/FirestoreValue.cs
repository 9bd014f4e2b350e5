using System.Globalization;

namespace Epy.Google.Firestore;

/// <summary>
/// One Firestore <c>Value</c> in its REST JSON form: exactly one of the properties is set. Integers travel
/// as strings (<c>"integerValue": "42"</c>, int64 does not fit a JSON number), timestamps as RFC 3339 text
/// that Firestore keeps to the microsecond.
/// </summary>
public sealed record FirestoreValue
{
    /// <summary>A string (at most 1 MiB; only the first 1,500 bytes are indexed).</summary>
    public string? StringValue { get; init; }

    /// <summary>An int64, as decimal text.</summary>
    public string? IntegerValue { get; init; }

    /// <summary>A boolean.</summary>
    public bool? BooleanValue { get; init; }

    /// <summary>A double.</summary>
    public double? DoubleValue { get; init; }

    /// <summary>A timestamp, RFC 3339 UTC.</summary>
    public string? TimestampValue { get; init; }

    /// <summary>An array (which may not directly hold another array).</summary>
    public FirestoreArray? ArrayValue { get; init; }

    /// <summary>A map of named values.</summary>
    public FirestoreMap? MapValue { get; init; }

    /// <summary>A string value.</summary>
    public static FirestoreValue Of(string value) => new() { StringValue = value };

    /// <summary>An integer value (as text).</summary>
    public static FirestoreValue Of(long value) => new() { IntegerValue = value.ToString(CultureInfo.InvariantCulture) };

    /// <summary>A boolean value.</summary>
    public static FirestoreValue Of(bool value) => new() { BooleanValue = value };

    /// <summary>A timestamp value, cut to the microsecond that Firestore keeps.</summary>
    public static FirestoreValue Of(DateTimeOffset value) => new() { TimestampValue = FirestoreTimestamp.Format(value) };

    /// <summary>An array value.</summary>
    public static FirestoreValue Array(IEnumerable<FirestoreValue> values) => new() { ArrayValue = new FirestoreArray([.. values]) };

    /// <summary>A map value.</summary>
    public static FirestoreValue Map(IReadOnlyDictionary<string, FirestoreValue> fields) => new() { MapValue = new FirestoreMap(fields) };

    /// <summary>The string this value holds.</summary>
    public string AsString() => StringValue ?? throw Mismatch("stringValue");

    /// <summary>The integer this value holds.</summary>
    public long AsInteger() =>
        long.TryParse(IntegerValue ?? throw Mismatch("integerValue"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"integerValue '{IntegerValue}' is not an int64");

    /// <summary>The boolean this value holds.</summary>
    public bool AsBoolean() => BooleanValue ?? throw Mismatch("booleanValue");

    /// <summary>The timestamp this value holds.</summary>
    public DateTimeOffset AsTimestamp() => FirestoreTimestamp.Parse(TimestampValue ?? throw Mismatch("timestampValue"));

    /// <summary>The items of the array this value holds (Firestore leaves out <c>values</c> when the array is empty).</summary>
    public IReadOnlyList<FirestoreValue> AsArray() => (ArrayValue ?? throw Mismatch("arrayValue")).Values ?? [];

    /// <summary>The fields of the map this value holds (Firestore leaves out <c>fields</c> when the map is empty).</summary>
    public IReadOnlyDictionary<string, FirestoreValue> AsMap() =>
        (MapValue ?? throw Mismatch("mapValue")).Fields ?? new Dictionary<string, FirestoreValue>(StringComparer.Ordinal);

    private FormatException Mismatch(string expected) => new($"expected a Firestore {expected}, found {this}");
}
