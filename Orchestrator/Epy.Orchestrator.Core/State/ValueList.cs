using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Epy.Orchestrator.Core.State;

/// <summary>
/// An immutable list compared by its items, so records holding lists compare by value (a run state
/// decided twice from the same inputs equals itself).
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
[JsonConverter(typeof(ValueListJsonConverterFactory))]
public sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly T[] _items;

    /// <summary>Creates a list holding a copy of <paramref name="items"/>.</summary>
    public ValueList(IEnumerable<T> items) => _items = [.. items];

    private ValueList(T[] items, bool _) => _items = items;

    /// <summary>The empty list.</summary>
    public static ValueList<T> Empty { get; } = new([], false);

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <inheritdoc />
    public T this[int index] => _items[index];

    /// <summary>A new list with <paramref name="item"/> appended.</summary>
    public ValueList<T> Add(T item) => new([.. _items, item], false);

    /// <summary>A new list with the item at <paramref name="index"/> replaced.</summary>
    public ValueList<T> SetItem(int index, T item)
    {
        var copy = (T[])_items.Clone();
        copy[index] = item;
        return new(copy, false);
    }

    /// <summary>A new list holding at most the last <paramref name="count"/> items.</summary>
    public ValueList<T> TakeLast(int count) => _items.Length <= count ? this : new(_items[^count..], false);

    /// <inheritdoc />
    public bool Equals(ValueList<T>? other) =>
        other is not null && (ReferenceEquals(this, other) || _items.AsSpan().SequenceEqual(other._items, EqualityComparer<T>.Default));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ValueList<T>);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
            hash.Add(item);
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => "[" + string.Join(", ", _items) + "]";
}
