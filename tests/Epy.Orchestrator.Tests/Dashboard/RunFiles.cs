using System.Globalization;
using System.IO.Compression;
using System.Text;
using Epy.Contracts.Api;
using Epy.Orchestrator.Tests.Fixtures;

namespace Epy.Orchestrator.Tests.Dashboard;

/// <summary>
/// The files the real builder and runner leave in a run's folder, written over a fake stage's run: a manifest
/// naming each task's location and the configs, the configs themselves, and a calibration task's result (in the
/// shapes <c>BuildManifest</c> and the engine's <c>CalibrationResult</c> write).
/// </summary>
public static class RunFiles
{
    /// <summary>A config whose text must be shown escaped, not as markup.</summary>
    public const string ModelsetText = "modelset:\n  # <script>alert('x')</script> & friends\n  population_names: [US-MA, US-NH]\n";

    /// <summary>The ε of <see cref="WriteCalibrationResult"/>'s generations.</summary>
    public static readonly double[] Epsilons = [double.PositiveInfinity, 1334.05, 626.11, 390.71];

    /// <summary>Writes a manifest for tasks at <paramref name="locations"/>, with two configs, and the configs.</summary>
    public static void WriteManifestAndConfigs(LocalServer server, RunView run, params string[] locations)
    {
        var folder = server.RunFolder(run);
        var tasks = string.Join(",", locations.Select((l, i) => string.Create(CultureInfo.InvariantCulture, $$"""{"index":{{i}},"id":"{{i:D5}}-{{l}}","location":"{{l}}","sample_row":null}""")));
        var manifest = string.Create(CultureInfo.InvariantCulture, $$"""
            {"schema_version":2,"exp_id":"{{run.ExpId}}","run_id":"{{run.RunId}}","kind":"calibration","task_count":{{locations.Length}},"tasks":[{{tasks}}],
             "configs":[{"name":"basemodel.yml","path":"config/basemodel.yml","sha256":"00"},{"name":"modelset.yml","path":"config/modelset.yml","sha256":"01"}],
             "data":[],"program_version":"1.0.0","created_at":"2026-12-07T00:36:00+00:00"}
            """);
        Directory.CreateDirectory(Path.Combine(folder, "builder-artifacts"));
        File.WriteAllText(Path.Combine(folder, "builder-artifacts", "manifest.json"), manifest);
        Directory.CreateDirectory(Path.Combine(folder, "config"));
        File.WriteAllText(Path.Combine(folder, "config", "basemodel.yml"), "model:\n  name: flu-seir\n");
        File.WriteAllText(Path.Combine(folder, "config", "modelset.yml"), ModelsetText);
    }

    /// <summary>Writes task <paramref name="index"/>'s result: an SMC calibration with a generation per <see cref="Epsilons"/>.</summary>
    public static void WriteCalibrationResult(LocalServer server, RunView run, int index)
    {
        var generations = string.Join(",", Epsilons.Select((e, g) => string.Create(CultureInfo.InvariantCulture,
            $$"""{"index":{{g}},"epsilon":{{(double.IsInfinity(e) ? "\"Infinity\"" : e.ToString("R", CultureInfo.InvariantCulture))}},"particles":[1,2,3,4],"weights":[0.5,0.5],"distances":[1,2],"simulations":{{100 * (g + 1)}},"prior_rejections":0,"acceptance_rate":{{1.0 / (g + 1)}},"wall_time_seconds":{{g + 1.5}}}""")));
        var json = $$"""
            {"schema_version":2,"task_index":{{index}},"kind":"calibration","location":"US-MA","seed":1,"sample_row":null,
             "calibration":{"strategy":"smc","quantities":["beta","gamma"],"targets":["parameter","parameter"],"stop_reason":"completed","generations":[{{generations}}]},
             "projection":{},"elapsed_seconds":12.5}
            """;
        var file = Path.Combine(server.RunFolder(run), "runner-artifacts", string.Create(CultureInfo.InvariantCulture, $"result_{index:D5}.json.gz"));
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        using var output = File.Create(file);
        using var gzip = new GZipStream(output, CompressionLevel.Fastest);
        gzip.Write(Encoding.UTF8.GetBytes(json));
    }
}
