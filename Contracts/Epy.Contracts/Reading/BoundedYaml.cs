using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Epy.Contracts.Reading;

/// <summary>
/// The YAML reader every YAML file of the product goes through (stage configs, hub configs, epycloud's
/// configuration and project files): YamlDotNet's parser with <see cref="InputLimits.MaxYamlDepth"/>,
/// <see cref="InputLimits.MaxYamlNodes"/> and <see cref="InputLimits.MaxYamlBytes"/> enforced while it reads.
/// Breaking a bound is a <see cref="YamlException"/> at the place it was broken, as any other malformed YAML,
/// so callers report it as they report a syntax error. Without the bounds, YamlDotNet's tree builder recurses
/// once per level and a deeply nested document overflows the stack, which no handler can catch.
/// </summary>
public static class BoundedYaml
{
    /// <summary>A parser over <paramref name="reader"/> that refuses a document past the bounds.</summary>
    public static IParser Parser(TextReader reader) => new BoundedParser(new Parser(reader));

    /// <summary>Reads every document of <paramref name="reader"/>.</summary>
    /// <exception cref="YamlException">The text is not YAML, or breaks a bound.</exception>
    public static YamlStream Load(TextReader reader)
    {
        var stream = new YamlStream();
        stream.Load(Parser(reader));
        return stream;
    }

    /// <summary>Reads every document of the file <paramref name="path"/> (UTF-8), at most <see cref="InputLimits.MaxYamlBytes"/> of it.</summary>
    /// <exception cref="YamlException">The file is not YAML, or breaks a bound.</exception>
    public static YamlStream LoadFile(string path)
    {
        using var reader = new StringReader(ReadText(path));
        return Load(reader);
    }

    /// <summary>The text of <paramref name="path"/> (UTF-8), refused when longer than <see cref="InputLimits.MaxYamlBytes"/>.</summary>
    /// <exception cref="YamlException">The file is larger than the bound.</exception>
    public static string ReadText(string path) => System.Text.Encoding.UTF8.GetString(ReadBytes(path));

    /// <summary>The bytes of <paramref name="path"/>, refused when longer than <see cref="InputLimits.MaxYamlBytes"/>.</summary>
    /// <exception cref="YamlException">The file is larger than the bound.</exception>
    public static byte[] ReadBytes(string path) =>
        BoundedFile.ReadAllBytes(path, InputLimits.MaxYamlBytes)
        ?? throw new YamlException(Mark.Empty, Mark.Empty, string.Create(CultureInfo.InvariantCulture,
            $"the file is larger than {InputLimits.MaxYamlBytes / (1024 * 1024)} MiB, the most a YAML file may be"));

    /// <summary>Counts depth and nodes as events go by; aliases count the nodes of what they repeat.</summary>
    private sealed class BoundedParser(IParser inner) : IParser
    {
        private readonly Stack<(AnchorName Anchor, long NodesBefore)> _open = new();
        private readonly Dictionary<AnchorName, long> _anchorSizes = [];
        private long _nodes;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (!inner.MoveNext())
                return false;
            switch (inner.Current)
            {
                case NodeEvent { } start when start is MappingStart or SequenceStart:
                    if (_open.Count >= InputLimits.MaxYamlDepth)
                        throw Refused(start, $"nested deeper than {InputLimits.MaxYamlDepth} levels, the most a YAML document may be");
                    _open.Push((start.Anchor, _nodes));
                    Count(start, 1);
                    break;
                case MappingEnd or SequenceEnd when _open.Count > 0:
                    var (anchor, before) = _open.Pop();
                    if (!anchor.IsEmpty)
                        _anchorSizes[anchor] = _nodes - before;
                    break;
                case Scalar scalar:
                    if (!scalar.Anchor.IsEmpty)
                        _anchorSizes[scalar.Anchor] = 1;
                    Count(scalar, 1);
                    break;
                case AnchorAlias alias:
                    Count(alias, _anchorSizes.GetValueOrDefault(alias.Value, 1));
                    break;
            }
            return true;
        }

        private void Count(ParsingEvent at, long nodes)
        {
            _nodes += nodes;
            if (_nodes > InputLimits.MaxYamlNodes)
                throw Refused(at, $"more than {InputLimits.MaxYamlNodes} nodes (aliases counted as what they repeat), the most a YAML document may hold");
        }

        private static YamlException Refused(ParsingEvent at, string reason) => new(at.Start, at.End, reason);
    }
}
