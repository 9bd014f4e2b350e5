using System.CommandLine;
using System.CommandLine.Parsing;
using Epy.Stages.Configs;

namespace Epy.Cli;

/// <summary>
/// A command line that does not parse: one line per problem, a did-you-mean for a mistyped command or
/// option, the help command to read, and exit 2 (as argparse tools do) instead of the whole help and 1.
/// </summary>
public static class UsageErrors
{
    /// <summary>Prints <paramref name="parse"/>'s errors to <paramref name="error"/>; returns the exit code (2).</summary>
    public static int Report(ParseResult parse, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(error);
        var command = parse.CommandResult.Command;
        var names = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name)
            .Concat(command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        // The first token the parser could not place says it all: what follows it (its value, the next
        // words) and "Required command was not provided" are consequences of that typo.
        var typo = parse.Errors.Any(e => Unmatched(e.Message) is not null);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unmatchedShown = false;
        foreach (var problem in parse.Errors)
        {
            var unmatched = Unmatched(problem.Message) is not null;
            if (!seen.Add(problem.Message) || (typo && problem.Message.StartsWith("Required command was not provided", StringComparison.Ordinal)) || (unmatched && unmatchedShown))
                continue;
            unmatchedShown |= unmatched;
            var line = $"epycloud: {problem.Message}";
            if (Unmatched(problem.Message) is { } token && Spelling.Closest(token, names) is { } meant)
                line += $" Did you mean '{meant}'?";
            error.WriteLine(line);
        }
        error.WriteLine($"  hint: {Path(parse.CommandResult)} --help shows the commands and options");
        return ExitCodes.ConfigurationError;
    }

    // "Unrecognized command or argument 'X'." names the token the parser could not place.
    private static string? Unmatched(string message)
    {
        const string Prefix = "Unrecognized command or argument '";
        if (!message.StartsWith(Prefix, StringComparison.Ordinal))
            return null;
        var end = message.IndexOf('\'', Prefix.Length);
        return end > Prefix.Length ? message[Prefix.Length..end] : null;
    }

    private static string Path(CommandResult result)
    {
        var parts = new List<string>();
        for (SymbolResult? at = result; at is CommandResult c; at = c.Parent)
            parts.Add(c.Command.Name);
        parts.Reverse();
        return string.Join(' ', parts);
    }
}
