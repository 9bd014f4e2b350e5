using System.CommandLine;
using Epy.Cli.Configuration;

namespace Epy.Cli;

public static partial class ConfigCommands
{
    /// <summary>
    /// <c>config edit-secrets</c>, as in the original epycloud: <c>secrets.yaml</c> in the editor, created mode 0600
    /// from the template when missing, then the settings checked (the same as <c>config edit --layer secrets</c>).
    /// </summary>
    private static Command BuildEditSecrets()
    {
        var edit = new Command("edit-secrets", "Open secrets.yaml in $VISUAL or $EDITOR (created mode 600 when missing), then validate the result");
        CliAction.Set(edit, (context, _, ct) =>
        {
            var paths = ConfigPaths.Locate(context.Selection.ConfigDir, context.Variables);
            return ConfigEditor.EditAsync(context, paths.SecretsFile, ConfigTemplates.Secrets, secret: true, "epycloud config edit-secrets", ct);
        });
        return edit;
    }
}
