using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Text;
using System.Text.RegularExpressions;

namespace Epy.Cli;

/// <summary>
/// <c>--help</c> that shows each option's default once: an option whose description already says its default in
/// words (<c>(default: the current folder)</c>) loses System.CommandLine's generated <c>[default: .]</c>. It wraps the
/// stock help (whose layout it cannot customise in 2.0) and edits its text, option entry by option entry.
/// </summary>
public sealed partial class HelpDefaults(HelpAction help) : SynchronousCommandLineAction
{
    /// <summary>Makes <paramref name="root"/>'s <c>--help</c> (recursive, so every command's) show each default once.</summary>
    public static void ShowEachOnce(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (root.Options.OfType<HelpOption>().FirstOrDefault() is { Action: HelpAction stock } option)
            option.Action = new HelpDefaults(stock);
    }

    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var configuration = parseResult.InvocationConfiguration;
        var output = configuration.Output;
        using var buffer = new StringWriter();
        configuration.Output = buffer;
        int exit;
        try
        {
            exit = help.Invoke(parseResult);
        }
        finally
        {
            configuration.Output = output;
        }
        output.Write(Once(buffer.ToString()));
        return exit;
    }

    /// <summary><paramref name="text"/> (help output) without the generated default of an entry that says its default in words.</summary>
    public static string Once(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < lines.Length;)
        {
            // An option's entry: its first line starts with "  -", continuation lines are indented further.
            var end = i + 1;
            if (EntryStart().IsMatch(lines[i]))
            {
                while (end < lines.Length && lines[end].StartsWith("    ", StringComparison.Ordinal) && !EntryStart().IsMatch(lines[end]))
                    end++;
            }
            var entry = string.Join('\n', lines[i..end]);
            result.Append(entry.Contains("(default", StringComparison.Ordinal) ? Generated().Replace(entry, "") : entry);
            if (end < lines.Length)
                result.Append('\n');
            i = end;
        }
        return result.ToString();
    }

    [GeneratedRegex(@"^\s{2}-")]
    private static partial Regex EntryStart();

    [GeneratedRegex(@"\s*\[default: [^\]]*\]")]
    private static partial Regex Generated();
}
