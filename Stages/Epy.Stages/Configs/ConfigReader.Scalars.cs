using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Epy.Stages.Configs;

/// <summary>Scalar values: text, numbers, integers, booleans and dates, each reported where it is written.</summary>
internal sealed partial class ConfigReader
{
    public const string DateFormat = "yyyy-MM-dd";

    public Located<string>? Text(YamlNode node, string field)
    {
        if (node is YamlScalarNode { Value: { } value } scalar && !IsNull(scalar))
            return new Located<string>(value, At(node));
        Error(node, field, $"expected text, found {Describe(node)}");
        return null;
    }

    public Located<double>? Number(YamlNode node, string field)
    {
        if (node is YamlScalarNode { Value: { } value } &&
            double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return new Located<double>(number, At(node));
        }
        Error(node, field, $"expected a number, found {Describe(node)}");
        return null;
    }

    /// <summary>A number that must satisfy <paramref name="valid"/>, described by <paramref name="expected"/> in the error.</summary>
    public Located<double>? Number(YamlNode node, string field, Func<double, bool> valid, string expected)
    {
        var number = Number(node, field);
        if (number is null || valid(number.Value))
            return number;
        Error(node, field, $"{number.Value.ToString(CultureInfo.InvariantCulture)} is out of range: expected {expected}");
        return null;
    }

    public Located<double>? NonNegative(YamlNode node, string field) => Number(node, field, value => value >= 0, "a number ≥ 0");

    public Located<double>? Positive(YamlNode node, string field) => Number(node, field, value => value > 0, "a number > 0");

    public Located<long>? Integer(YamlNode node, string field, long minimum)
    {
        if (node is YamlScalarNode { Value: { } value } &&
            long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            if (number >= minimum)
                return new Located<long>(number, At(node));
            Error(node, field, $"{number} is out of range: expected a whole number ≥ {minimum}");
            return null;
        }
        Error(node, field, $"expected a whole number ≥ {minimum}, found {Describe(node)}");
        return null;
    }

    public Located<int>? Count(YamlNode node, string field) => Int32(node, field, 1);

    public Located<int>? Int32(YamlNode node, string field, int minimum)
    {
        var number = Integer(node, field, minimum);
        if (number is null)
            return null;
        if (number.Value <= int.MaxValue)
            return new Located<int>((int)number.Value, number.Span);
        Error(node, field, $"{number.Value} is out of range: expected at most {int.MaxValue}");
        return null;
    }

    public Located<bool>? Boolean(YamlNode node, string field)
    {
        if (node is YamlScalarNode { Value: { } value })
        {
            if (string.Equals(value, "true", StringComparison.OrdinalIgnoreCase))
                return new Located<bool>(true, At(node));
            if (string.Equals(value, "false", StringComparison.OrdinalIgnoreCase))
                return new Located<bool>(false, At(node));
        }
        Error(node, field, $"expected true or false, found {Describe(node)}");
        return null;
    }

    public Located<DateOnly>? Date(YamlNode node, string field)
    {
        if (node is YamlScalarNode { Value: { } value } &&
            DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new Located<DateOnly>(date, At(node));
        }
        Error(node, field, $"expected a date written {DateFormat}, found {Describe(node)}");
        return null;
    }

    /// <summary>A positive number or YAML's infinity (<c>.inf</c>, also <c>inf</c> or <c>Infinity</c>), as an ABC threshold ε may be.</summary>
    public Located<double>? Threshold(YamlNode node, string field)
    {
        if (node is YamlScalarNode { Value: ".inf" or ".Inf" or ".INF" or "+.inf" or "inf" or "Infinity" })
            return new Located<double>(double.PositiveInfinity, At(node));
        return Number(node, field, value => value > 0, "a number > 0 or .inf");
    }

    /// <summary>Reads an enumeration value written in snake case (any letter case), listing the allowed names on error.</summary>
    public Located<TEnum>? Choice<TEnum>(YamlNode node, string field, IReadOnlyDictionary<string, TEnum> names)
        where TEnum : struct, Enum
    {
        if (Text(node, field) is not { } text)
            return null;
        foreach (var (name, value) in names)
        {
            if (string.Equals(name, text.Value.Trim(), StringComparison.OrdinalIgnoreCase))
                return new Located<TEnum>(value, text.Span);
        }
        Error(node, field, $"unknown value '{text.Value}': expected one of {string.Join(", ", names.Keys)}");
        return null;
    }

    public IReadOnlyList<Located<string>> Texts(YamlNode? node, string field) => List(node, field, Text);

    public IReadOnlyList<Located<double>> Numbers(YamlNode? node, string field) => List(node, field, Number);

    /// <summary>A mapping of names to scalars (options, kwargs), numbers recognised.</summary>
    public IReadOnlyDictionary<string, Located<ConfigScalar>> Scalars(YamlNode? node, string field, params string[] except)
    {
        var result = new Dictionary<string, Located<ConfigScalar>>(StringComparer.Ordinal);
        if (node is null || Mapping(node, field, null) is not { } map)
            return result;
        foreach (var (key, value) in map.Children)
        {
            if (key is not YamlScalarNode { Value: { } name } || except.Contains(name, StringComparer.Ordinal))
                continue;
            if (Text(value, Join(field, name)) is { } text)
                result[name] = new Located<ConfigScalar>(ConfigScalar.From(text.Value), text.Span);
        }
        return result;
    }

    public ConfigMeta? Meta(YamlMappingNode map, string field)
    {
        if (Optional(map, "meta") is not { } node)
            return null;
        var values = Scalars(node, Join(field, "meta"));
        return new ConfigMeta(values.ToDictionary(pair => pair.Key, pair => new Located<string>(pair.Value.Value.Text, pair.Value.Span), StringComparer.Ordinal), At(node));
    }
}
