using Epy.Contracts.Reading;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Epy.Stages.Configs;

/// <summary>
/// Maps one YAML file onto the config records, collecting every problem instead of stopping at the
/// first. A required value that is missing or malformed is replaced by a placeholder (located at its
/// parent) so that reading continues; a result with errors must not be used.
/// </summary>
internal sealed partial class ConfigReader
{
    private static readonly string[] TopLevelKeys = ["model", "modelset", "output", "aggregation"];

    /// <summary>
    /// The message for a key or value epymodelingsuite accepts that this program does not implement:
    /// refused (<c>file:line:column: field: not supported yet</c>), never read and ignored.
    /// </summary>
    public const string NotSupportedYet = "not supported yet";

    /// <summary>Refuses <paramref name="node"/> (a key epymodelingsuite accepts, or one of its values) as <see cref="NotSupportedYet"/>.</summary>
    public void NotSupported(YamlNode node, string field, string? detail = null) =>
        Error(node, field, detail is null ? NotSupportedYet : $"{NotSupportedYet} ({detail})");

    private readonly List<ConfigError> _errors = [];

    // Keys reported as unknown: a required key they are a near miss of is not reported missing as well.
    private readonly HashSet<YamlNode> _unknownKeys = new(ReferenceEqualityComparer.Instance);

    public ConfigReader(string file)
    {
        File = file;
    }

    public string File { get; }

    public IReadOnlyList<ConfigError> Errors => _errors;

    // The line and column of the first tab in a line's indentation, if any.
    private static (int Line, int Column)? FirstTabIndent(string yaml)
    {
        var lines = yaml.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', StringComparison.Ordinal);
            if (tab >= 0 && tab < indent)
                return (i + 1, tab + 1);
        }
        return null;
    }

    /// <summary>Reads <paramref name="yaml"/>: one document whose only top-level key is model, modelset or output.</summary>
    public ConfigDocument? ReadDocument(string yaml)
    {
        var stream = new YamlStream();
        var parser = BoundedYaml.Parser(new StringReader(yaml));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException exception)
        {
            // YamlDotNet places a tab used as indentation at the start of the mapping it breaks (often 1:1):
            // point at the first line indented with a tab instead.
            var (line, column) = ParserMessage(exception).Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstTabIndent(yaml) is { } tab
                ? tab
                : ((int)exception.Start.Line, (int)exception.Start.Column);
            _errors.Add(new ConfigError(File, line, column, "(yaml)", $"malformed YAML: {ParserMessage(exception)}"));
            return null;
        }
        catch (Exception malformed) when (malformed is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet 16.3 throws these instead of a YamlException for some unterminated flow
            // collections ("[2024-01-01" then a new line) and for a complex key without a value
            // ("? : :", an ArgumentException found by ParserFuzzTests); report after the last event it parsed.
            var mark = parser.Current?.End ?? Mark.Empty;
            _errors.Add(new ConfigError(File, (int)mark.Line, (int)mark.Column, "(yaml)",
                "malformed YAML: invalid or unterminated value after this point (an unclosed [ or { ?)"));
            return null;
        }

        if (stream.Documents.Count != 1 || IsNull(stream.Documents[0].RootNode))
        {
            Error(SourceSpan.WholeFile(File), "(file)",
                $"expected exactly one YAML document with one top-level key ({string.Join(", ", TopLevelKeys)}), found {stream.Documents.Count} document(s)");
            return null;
        }

        var root = stream.Documents[0].RootNode;
        if (Mapping(root, "(root)", TopLevelKeys) is not { } map)
            return null;
        if (map.Children.Count != 1)
        {
            Error(root, "(root)", $"expected exactly one top-level key (model, modelset, output or aggregation), found {map.Children.Count}");
            return null;
        }

        var (key, value) = map.Children.First();
        // A complex key ("? {a: 1}") was reported by Mapping(); it is no scalar to cast (found by ParserFuzzTests).
        return (key as YamlScalarNode)?.Value switch
        {
            "model" => new ConfigDocument(File, ConfigKind.Basemodel, ReadBasemodel(value), null, null),
            "modelset" => ReadModelsetDocument(value),
            "output" => new ConfigDocument(File, ConfigKind.Output, null, null, ReadOutput(value)),
            "aggregation" => new ConfigDocument(File, ConfigKind.Aggregation, null, null, null, ReadAggregation(value)),
            _ => null, // Mapping() has already reported the unknown key.
        };
    }

    public SourceSpan At(YamlNode node) => new(File, (int)node.Start.Line, (int)node.Start.Column);

    public void Error(SourceSpan span, string field, string message) => _errors.Add(ConfigError.At(span, field, message));

    public void Error(YamlNode node, string field, string message) => Error(At(node), field, message);

    /// <summary>True for an absent node or an empty / <c>~</c> / <c>null</c> plain scalar.</summary>
    public static bool IsNull(YamlNode? node) =>
        node is null || node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    /// <summary>
    /// The node as a mapping whose keys are all in <paramref name="allowed"/>, each unknown key
    /// reported with the allowed ones; null (after an error) when the node is not a mapping.
    /// </summary>
    public YamlMappingNode? Mapping(YamlNode node, string field, IReadOnlyCollection<string>? allowed) =>
        Mapping(node, field, allowed, unsupported: null);

    /// <summary>
    /// As <see cref="Mapping(YamlNode, string, IReadOnlyCollection{string})"/>, and every key of
    /// <paramref name="unsupported"/> present (one epymodelingsuite accepts that this program does not
    /// implement) is refused with <see cref="NotSupportedYet"/> at its own line, never read and ignored.
    /// </summary>
    public YamlMappingNode? Mapping(YamlNode node, string field, IReadOnlyCollection<string>? allowed, IReadOnlyCollection<string>? unsupported)
    {
        if (node is not YamlMappingNode map)
        {
            var keys = allowed is null ? string.Empty : $" with keys {string.Join(", ", allowed)}";
            Error(node, field, $"expected a mapping{keys}, found {Describe(node)}");
            return null;
        }
        foreach (var key in map.Children.Keys)
        {
            if (key is not YamlScalarNode { Value: { } name })
            {
                Error(key, field, $"expected a plain key, found {Describe(key)}");
            }
            else if (unsupported is not null && unsupported.Contains(name))
            {
                Error(key, Join(field, name), NotSupportedYet);
            }
            else if (allowed is not null && !allowed.Contains(name))
            {
                _unknownKeys.Add(key);
                var meant = Spelling.Closest(name, allowed);
                Error(key, Join(field, name), meant is null
                    ? $"unknown key '{name}'; allowed keys: {string.Join(", ", allowed)}"
                    : $"unknown key '{name}'; did you mean '{meant}'? (allowed keys: {string.Join(", ", allowed)})");
            }
        }
        return map;
    }

    /// <summary>The value of <paramref name="key"/>, or null when absent or null.</summary>
    public static YamlNode? Optional(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) && !IsNull(value) ? value : null;

    /// <summary>The value of <paramref name="key"/>; null after an error naming what was expected when absent.</summary>
    public YamlNode? Required(YamlMappingNode map, string key, string field, string expected)
    {
        var value = Optional(map, key);
        // A mistyped key was reported as unknown with this one as its likely meaning: one error, not two.
        if (value is null && !HasNearMiss(map, key))
            Error(map, Join(field, key), $"missing required field '{key}': expected {expected}");
        return value;
    }

    private bool HasNearMiss(YamlMappingNode map, string key) =>
        map.Children.Keys.Any(k => _unknownKeys.Contains(k) && k is YamlScalarNode { Value: { } name } && Spelling.Closest(name, [key]) is not null);

    /// <summary>Reads an optional field with <paramref name="read"/>.</summary>
    public static Located<T>? Opt<T>(YamlMappingNode map, string key, string field, Func<YamlNode, string, Located<T>?> read) =>
        Optional(map, key) is { } node ? read(node, Join(field, key)) : null;

    /// <summary>Reads a required field with <paramref name="read"/>; a placeholder at the mapping when it is missing or malformed.</summary>
    public Located<T> Req<T>(YamlMappingNode map, string key, string field, string expected, Func<YamlNode, string, Located<T>?> read, T placeholder) =>
        (Required(map, key, field, expected) is { } node ? read(node, Join(field, key)) : null) ?? new Located<T>(placeholder, At(map));

    /// <summary>Reads each item of an optional sequence with <paramref name="read"/>, skipping the malformed ones.</summary>
    public IReadOnlyList<T> List<T>(YamlNode? node, string field, Func<YamlNode, string, T?> read)
        where T : class
    {
        if (node is null)
            return [];
        if (node is not YamlSequenceNode sequence)
        {
            Error(node, field, $"expected a list, found {Describe(node)}");
            return [];
        }
        var items = new List<T>(sequence.Children.Count);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (read(sequence.Children[i], $"{field}[{i}]") is { } item)
                items.Add(item);
        }
        return items;
    }

    /// <summary>Reads each entry of an optional mapping keyed by name with <paramref name="read"/>.</summary>
    public IReadOnlyList<T> Named<T>(YamlNode? node, string field, Func<Located<string>, YamlNode, string, T?> read)
        where T : class
    {
        if (node is null || Mapping(node, field, null) is not { } map)
            return [];
        var items = new List<T>(map.Children.Count);
        foreach (var (key, value) in map.Children)
        {
            if (key is YamlScalarNode { Value: { } name } && read(new Located<string>(name, At(key)), value, Join(field, name)) is { } item)
                items.Add(item);
        }
        return items;
    }

    public static string Join(string field, string key) => $"{field}.{key}";

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode scalar when IsNull(scalar) => "nothing",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        _ => "an alias",
    };

    private static string ParserMessage(YamlException exception)
    {
        // YamlDotNet prefixes "(Line: l, Col: c, Idx: i) - (Line: ...): "; the position is reported separately.
        var message = exception.InnerException?.Message ?? exception.Message;
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && marker >= 0 ? message[(marker + 3)..] : message;
    }
}
