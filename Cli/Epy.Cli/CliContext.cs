using System.CommandLine;
using Epy.Cli.Configuration;

namespace Epy.Cli;

/// <summary>What one invocation runs with: the global options, its output and error writers, and its configuration (read on first use).</summary>
public sealed class CliContext
{
    private EpycloudConfig? _config;

    /// <summary>Creates a context.</summary>
    public CliContext(ConfigSelection selection, IReadOnlyDictionary<string, string> variables, TextWriter output, TextWriter error)
    {
        Selection = selection;
        Variables = variables;
        Out = output;
        Error = error;
    }

    /// <summary>The configuration chosen by <c>--config --env --profile</c>.</summary>
    public ConfigSelection Selection { get; }

    /// <summary>The process's environment variables.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; }

    /// <summary>Standard output.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; }

    /// <summary><c>--verbose</c>.</summary>
    public bool Verbose { get; init; }

    /// <summary><c>--quiet</c>.</summary>
    public bool Quiet { get; init; }

    /// <summary><c>--dry-run</c>.</summary>
    public bool DryRun { get; init; }

    /// <summary>Whether to colour the output (<c>--color</c>).</summary>
    public bool Color { get; init; }

    /// <summary><c>--output json</c> on a read command.</summary>
    public bool Json { get; init; }

    /// <summary>The resolved configuration; a bad one throws <see cref="ConfigurationException"/>.</summary>
    public EpycloudConfig Config => _config ??= EpycloudConfig.Resolve(Selection, Variables);

    /// <summary>The context of <paramref name="parse"/>.</summary>
    public static CliContext From(ParseResult parse, string projectDir = ".")
    {
        ArgumentNullException.ThrowIfNull(parse);
        var variables = EpycloudConfig.ProcessVariables();
        var color = parse.GetValue<string>("--color") switch
        {
            "always" => true,
            "never" => false,
            _ => !variables.ContainsKey("NO_COLOR") && !Console.IsOutputRedirected && !Console.IsErrorRedirected && variables.GetValueOrDefault("TERM") != "dumb",
        };
        var selection = new ConfigSelection(parse.GetValue<string?>("--config"), parse.GetValue<string?>("--env"), parse.GetValue<string?>("--profile"), projectDir);
        return new CliContext(selection, variables, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error)
        {
            Verbose = parse.GetValue<bool>("--verbose"),
            Quiet = parse.GetValue<bool>("--quiet"),
            DryRun = parse.GetValue<bool>("--dry-run"),
            Color = color,
            Terminal = !Console.IsOutputRedirected && variables.GetValueOrDefault("TERM") != "dumb",
            Json = parse.CommandResult.Command.Options.Any(o => o.Name == "--output") && parse.GetValue<string>("--output") == "json",
        };
    }

    /// <summary>Standard output is a terminal: progress is redrawn in place.</summary>
    public bool Terminal { get; init; }

    /// <summary>Prints an error: one line, and a hint on the next when there is one.</summary>
    public void Fail(string message, string? hint = null)
    {
        Error.WriteLine(Color ? $"\u001b[31mepycloud: {message}\u001b[0m" : $"epycloud: {message}");
        if (hint is { Length: > 0 })
            Error.WriteLine($"  hint: {hint}");
    }

    /// <summary>Prints <paramref name="line"/> unless <c>--quiet</c>.</summary>
    public void Say(string line)
    {
        if (!Quiet)
            Out.WriteLine(line);
    }
}
