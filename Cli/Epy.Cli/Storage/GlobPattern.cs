using System.Text;
using System.Text.RegularExpressions;

namespace Epy.Cli.Storage;

/// <summary>
/// A glob over '/'-separated names (experiment ids, file paths in a run): <c>*</c> any characters but '/',
/// <c>**</c> any characters, <c>?</c> one character but '/'; anything else stands for itself.
/// </summary>
public sealed class GlobPattern
{
    private readonly Regex _regex;

    /// <summary>Compiles <paramref name="pattern"/>.</summary>
    public GlobPattern(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        Text = pattern;
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                regex.Append(".*");
                i++;
            }
            else
            {
                regex.Append(c switch { '*' => "[^/]*", '?' => "[^/]", _ => Regex.Escape(c.ToString()) });
            }
        }
        _regex = new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    /// <summary>The pattern as given.</summary>
    public string Text { get; }

    /// <summary>The part before the first wildcard, cut back to its last '/': every match starts with it.</summary>
    public string LiteralFolder
    {
        get
        {
            var wild = Text.IndexOfAny(['*', '?']);
            var literal = wild < 0 ? Text : Text[..wild];
            var slash = literal.LastIndexOf('/');
            return slash < 0 ? "" : literal[..(slash + 1)];
        }
    }

    /// <summary>True when <paramref name="name"/> matches the whole pattern.</summary>
    public bool IsMatch(string name) => _regex.IsMatch(name);

    /// <inheritdoc />
    public override string ToString() => Text;
}
