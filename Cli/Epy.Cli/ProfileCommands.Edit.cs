using System.CommandLine;
using Epy.Cli.Configuration;

namespace Epy.Cli;

public static partial class ProfileCommands
{
    /// <summary><c>profile edit [NAME]</c>, as in the original epycloud: an existing profile's file in the editor, then the settings checked.</summary>
    private static Command BuildEdit()
    {
        var name = new Argument<string?>("name") { Description = "The profile (default: the one in use)", Arity = ArgumentArity.ZeroOrOne };
        var edit = new Command("edit", "Open a profile's file (profiles/{name}.yaml) in $VISUAL or $EDITOR, then validate the result") { name };
        CliAction.Set(edit, (context, parse, ct) =>
        {
            var paths = Paths(context);
            var profile = parse.GetValue(name) ?? context.Selection.Profile ?? paths.ReadActiveProfile() ?? ConfigLoader.DefaultProfile;
            var file = Existing(paths, profile);
            return ConfigEditor.EditAsync(context, file, ConfigTemplates.Profile(profile), secret: false, $"epycloud profile edit {profile}", ct);
        });
        return edit;
    }
}
