using System.Globalization;

namespace Epy.Engine.Demography;

/// <summary>
/// Parses the age group labels of a model (<c>0-4</c>, <c>5-17</c>, <c>65+</c>, or a single age
/// <c>5</c>) into <see cref="AgeGroup"/>s that partition the single-year buckets of epydemix-data:
/// ages 0 to 83 and the open bucket <c>84+</c>.
/// </summary>
public static class AgeGroups
{
    /// <summary>The number of single-year buckets in epydemix-data: ages 0..83 and 84+.</summary>
    public const int SingleYearCount = 85;

    /// <summary>The index of the open top bucket <c>84+</c>.</summary>
    public const int TopAge = SingleYearCount - 1;

    /// <summary>The label of single-year bucket <paramref name="age"/>: <c>0</c>..<c>83</c>, then <c>84+</c>.</summary>
    public static string SingleYearLabel(int age)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(age);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(age, TopAge);
        return age == TopAge ? $"{TopAge}+" : age.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Parses <paramref name="labels"/> and checks that they cover ages 0 to 84+ exactly once, in
    /// increasing order. <c>A-B</c> covers A..B (B at most 83), <c>A</c> covers A alone (at most 83)
    /// and <c>A+</c> covers A..84+ (A at most 84) and must come last.
    /// </summary>
    /// <param name="labels">The labels in model order.</param>
    /// <param name="field">The field path used in errors; an error about one label names <c>field[i]</c>.</param>
    /// <exception cref="ModelValidationException">A label is malformed, or the groups leave a gap, overlap or are out of order.</exception>
    public static IReadOnlyList<AgeGroup> Parse(IReadOnlyList<string> labels, string field = "population.age_groups")
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(field);
        if (labels.Count == 0)
            throw new ModelValidationException(field, "needs at least one age group; for example 0-4, 5-17, 18-49, 50-64, 65+");

        var groups = new AgeGroup[labels.Count];
        for (var i = 0; i < labels.Count; i++)
        {
            var group = ParseOne(labels[i], $"{field}[{i}]");
            var expectedFirst = i == 0 ? 0 : groups[i - 1].LastAge + 1;
            if (i > 0 && groups[i - 1].LastAge == TopAge)
            {
                throw new ModelValidationException($"{field}[{i}]",
                    $"{groups[i - 1].Label} already covers every age up to 84+, so no group can follow it; the open group 'A+' must be the last");
            }
            if (group.FirstAge > expectedFirst)
            {
                var missing = Span(expectedFirst, group.FirstAge - 1);
                throw new ModelValidationException($"{field}[{i}]", i == 0
                    ? $"age groups must cover ages 0 to 84+ without gaps: the first group is {group.Label}, {missing} missing"
                    : $"age groups must cover ages 0 to 84+ without gaps: {groups[i - 1].Label} is followed by {group.Label}, {missing} missing");
            }
            if (group.FirstAge < expectedFirst)
            {
                throw new ModelValidationException($"{field}[{i}]",
                    $"age groups must be in increasing order without overlaps: {groups[i - 1].Label} is followed by {group.Label}, expected the next group to start at age {expectedFirst}");
            }
            groups[i] = group;
        }

        var last = groups[^1];
        if (last.LastAge != TopAge)
        {
            throw new ModelValidationException(field,
                $"age groups must cover ages 0 to 84+ without gaps: the last group is {last.Label}, {Span(last.LastAge + 1, TopAge)} missing; end with an open group such as {last.LastAge + 1}+");
        }
        return groups;
    }

    private static AgeGroup ParseOne(string? label, string field)
    {
        if (string.IsNullOrEmpty(label))
            throw new ModelValidationException(field, "is empty; expected an age group such as 5-17, 65+ or 5");

        int first;
        int last;
        if (label.EndsWith('+'))
        {
            if (!TryParseAge(label.AsSpan(0, label.Length - 1), out first))
                throw Malformed(label, field);
            if (first > TopAge)
            {
                throw new ModelValidationException(field,
                    $"the oldest open group is 84+: the data pools everyone aged 84 or older in one bucket, so {label} cannot be told apart");
            }
            last = TopAge;
        }
        else
        {
            var dash = label.IndexOf('-', StringComparison.Ordinal);
            var span = label.AsSpan();
            if (dash < 0)
            {
                if (!TryParseAge(span, out first))
                    throw Malformed(label, field);
                last = first;
            }
            else if (!TryParseAge(span[..dash], out first) || !TryParseAge(span[(dash + 1)..], out last))
            {
                throw Malformed(label, field);
            }
            if (last < first)
                throw new ModelValidationException(field, $"age group {label} ends before it starts");
            if (last >= TopAge)
            {
                throw new ModelValidationException(field,
                    $"closed age groups can reach at most age 83, because the data pools everyone aged 84 or older in one bucket 84+; write {first}+ instead of {label}");
            }
        }
        return new AgeGroup(label, first, last);
    }

    private static bool TryParseAge(ReadOnlySpan<char> text, out int age) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out age);

    private static ModelValidationException Malformed(string label, string field) =>
        new(field, $"'{label}' is not an age group: expected 'A-B' (e.g. 5-17), 'A+' (e.g. 65+) or a single age 'A', with whole ages from 0 to 84");

    private static string Span(int first, int last) =>
        first == last ? $"age {SingleYearLabel(first)} is" : $"ages {first}-{SingleYearLabel(last)} are";
}
