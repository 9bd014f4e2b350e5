using System.Diagnostics;
using System.Globalization;

namespace Epy.Cli.Configuration;

/// <summary>
/// Opens one settings file in <c>$VISUAL</c> or <c>$EDITOR</c> (else <c>vi</c>), creating it from a template first
/// (secrets mode 0600), then checks the settings: what <c>config edit</c>, <c>config edit-secrets</c> and
/// <c>profile edit</c> share.
/// </summary>
public static class ConfigEditor
{
    private static readonly string[] EditorVariables = ["VISUAL", "EDITOR"];

    /// <summary>
    /// Edits <paramref name="file"/> (created from <paramref name="template"/> when missing; <paramref name="secret"/>: mode 0600);
    /// with <c>--dry-run</c> only says so. Returns the exit code: 0 saved and valid, 1 the editor failed, 2 the settings are not valid
    /// (<paramref name="again"/> is the command to run to fix them).
    /// </summary>
    public static async Task<int> EditAsync(CliContext context, string file, string template, bool secret, string again, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var editor = EditorVariables.Select(v => context.Variables.GetValueOrDefault(v)).FirstOrDefault(e => !string.IsNullOrWhiteSpace(e)) ?? "vi";
        if (context.DryRun)
        {
            context.Out.WriteLine($"dry run: would open {file} with {editor}");
            return ExitCodes.Ok;
        }
        ConfigFiles.Write(file, template, force: false, secret: secret);
        // Through the shell, so that EDITOR may carry arguments ("code --wait").
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var argument in new[] { "-c", editor + " \"$1\"", "epycloud-edit", file })
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            context.Fail($"the editor '{editor}' exited with {process.ExitCode.ToString(CultureInfo.InvariantCulture)}", "set VISUAL or EDITOR to an editor that waits until the file is closed");
            return ExitCodes.RunFailed;
        }
        var report = ConfigReport.Check(context.Selection, context.Variables);
        foreach (var error in report.Errors)
            context.Fail(error);
        context.Say(report.Errors.Count == 0 ? $"saved {file}; the settings are valid" : $"saved {file}; fix the errors above ('{again}')");
        return report.Errors.Count == 0 ? ExitCodes.Ok : ExitCodes.ConfigurationError;
    }
}
