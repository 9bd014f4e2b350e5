using System.Diagnostics;
using System.Text.Json.Nodes;
using Epy.Testing;

namespace Epy.Deployment.Tests.Terraform;

/// <summary>
/// Runs <c>tools/hcl2json/hcl2json.js</c> (Node and @cdktf/hcl2json, which this project's build installs with
/// <c>npm ci</c>): every <c>.tf</c> file of a folder as JSON, no terraform binary or provider needed.
/// </summary>
public static class HclToJson
{
    /// <summary>The script's folder.</summary>
    public static string ToolFolder => Path.Combine(TestData.RepositoryRoot, "tools", "hcl2json");

    /// <summary>Each <c>.tf</c> file of <paramref name="folder"/> by file name, as hcl2json renders it.</summary>
    /// <exception cref="InvalidOperationException">Node or the package is missing, or a file does not parse.</exception>
    public static IReadOnlyDictionary<string, JsonObject> ParseFolder(string folder)
    {
        if (!Directory.Exists(Path.Combine(ToolFolder, "node_modules", "@cdktf", "hcl2json")))
            throw new InvalidOperationException(
                $"@cdktf/hcl2json is not installed in {ToolFolder}/node_modules: the build runs `npm ci --prefix tools/hcl2json` when Node.js 18 or later and npm are installed (see the build output)");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(ToolFolder, "hcl2json.js"));
        start.ArgumentList.Add(folder);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception missing)
        {
            throw new InvalidOperationException($"node (Node.js 18 or later) is not installed, and the Terraform tests need it to run @cdktf/hcl2json: {missing.Message}", missing);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException("hcl2json took more than 2 minutes");
            }
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"hcl2json failed ({process.ExitCode}): {stderr.Result}");
            var files = JsonNode.Parse(stdout)!.AsObject();
            return files.ToDictionary(file => file.Key, file => file.Value!.AsObject(), StringComparer.Ordinal);
        }
    }
}
