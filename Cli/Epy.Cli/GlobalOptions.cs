using System.CommandLine;

namespace Epy.Cli;

/// <summary>The options every <c>epycloud</c> command takes (recursive from the root), and <c>--output</c> for read commands.</summary>
public static class GlobalOptions
{
    /// <summary>Adds <c>--env --profile --config --verbose --quiet --dry-run --color</c> to <paramref name="root"/>.</summary>
    public static void AddTo(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Options.Add(new Option<string?>("--env") { Description = "The environment: environments/{env}.yaml (default: EPYCLOUD_ENV, else dev)", Recursive = true });
        root.Options.Add(new Option<string?>("--profile") { Description = "The profile: profiles/{name}.yaml (default: EPYCLOUD_PROFILE, else the active profile)", Recursive = true });
        root.Options.Add(new Option<string?>("--config") { Description = "The configuration folder (default: $XDG_CONFIG_HOME/epymodelingsuite-cloud, else ~/.config/epymodelingsuite-cloud)", Recursive = true });
        root.Options.Add(new Option<bool>("--verbose", "-v") { Description = "Say more: the settings' sources, requests sent", Recursive = true });
        root.Options.Add(new Option<bool>("--quiet", "-q") { Description = "Print only results and errors", Recursive = true });
        root.Options.Add(new Option<bool>("--dry-run") { Description = "Show what would be done; change nothing", Recursive = true });
        var color = new Option<string>("--color") { Description = "Colour the output: auto (a terminal without NO_COLOR), always or never", Recursive = true, DefaultValueFactory = _ => "auto" };
        color.AcceptOnlyFromAmong("auto", "always", "never");
        root.Options.Add(color);
    }

    /// <summary>A new <c>--output/-o table|json</c> option for a read command.</summary>
    public static Option<string> Output() => OutputWithAliases("-o");

    /// <summary>
    /// A new <c>--output table|json</c> option with <paramref name="aliases"/> only: <c>download</c> leaves <c>-o</c> to its
    /// folder; <c>experiment list</c> and <c>validate</c> add <c>--format</c>, the same option under the name the issue gives.
    /// </summary>
    public static Option<string> OutputWithAliases(params string[] aliases)
    {
        var output = new Option<string>("--output", aliases) { Description = "table (for people) or json (for scripts)", DefaultValueFactory = _ => "table" };
        output.AcceptOnlyFromAmong("table", "json");
        return output;
    }
}
