using System.Security.Cryptography;
using System.Text;

namespace Epy.Stages.Configs;

/// <summary>
/// Reads an aggregation experiment: the config folder's <c>aggregation</c> file and the output config
/// its <c>output_config</c> names (a file of the same folder). A folder without an aggregation file is a
/// model experiment, <see cref="ExperimentLoader"/>'s.
/// </summary>
public static class AggregationLoader
{
    /// <summary>
    /// Loads experiment <paramref name="expId"/> when its config folder holds an aggregation config;
    /// null when it holds none (or the folder is missing: <see cref="ExperimentLoader"/> reports that).
    /// </summary>
    /// <exception cref="ConfigValidationException">Any problem, all of them listed together.</exception>
    public static AggregationExperiment? TryLoad(string forecastRepo, string expId)
    {
        ArgumentNullException.ThrowIfNull(forecastRepo);
        ArgumentNullException.ThrowIfNull(expId);
        if (expId.Length == 0 || expId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')) || expId.Trim('.').Length == 0)
            return null;
        var folder = Path.GetFullPath(Path.Combine(forecastRepo, "experiments", expId, "config"));
        if (!Directory.Exists(folder))
            return null;
        var files = Directory.EnumerateFiles(folder)
            .Where(path => path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(path => (path, ExperimentLoader.ReadConfig(path)))
            .ToArray();
        return Validate(expId, folder, files, requireAggregation: false);
    }

    /// <summary>Loads experiment <paramref name="expId"/> from config files already read (a task input's or a run folder's copies).</summary>
    /// <param name="expId">The experiment id.</param>
    /// <param name="folder">Where the files are said to be: errors name <c>{folder}/{file name}</c>.</param>
    /// <param name="files">Each config's file name and UTF-8 bytes.</param>
    /// <exception cref="ConfigValidationException">Any problem, or no aggregation config among the files.</exception>
    public static AggregationExperiment FromFiles(string expId, string folder, IReadOnlyList<(string Name, byte[] Bytes)> files)
    {
        ArgumentNullException.ThrowIfNull(expId);
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(files);
        var located = files.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => ($"{folder.TrimEnd('/')}/{f.Name}", f.Bytes)).ToArray();
        return Validate(expId, folder, located, requireAggregation: true)!;
    }

    private static AggregationExperiment? Validate(string expId, string folder, IReadOnlyList<(string Path, byte[] Bytes)> files, bool requireAggregation)
    {
        var errors = new List<ConfigError>();
        var documents = ExperimentLoader.ParseAll(files, errors);
        var aggregations = documents.Where(d => d.Document.Kind == ConfigKind.Aggregation).ToList();
        if (aggregations.Count == 0)
        {
            if (!requireAggregation)
                return null;
            errors.Add(ConfigError.At(SourceSpan.WholeFile(folder), "aggregation", "no aggregation config: expected a file with top-level key 'aggregation'"));
            throw new ConfigValidationException(errors);
        }
        foreach (var extra in aggregations.Skip(1))
        {
            errors.Add(ConfigError.At(extra.Document.Aggregation?.Span ?? SourceSpan.WholeFile(extra.File.Path), "aggregation",
                $"a second aggregation config: {Path.GetFileName(aggregations[0].File.Path)} is one already, and an experiment has one"));
        }
        foreach (var (document, file) in documents.Where(d => d.Document.Kind is not (ConfigKind.Aggregation or ConfigKind.Output)))
        {
            var span = document.Basemodel?.Span ?? document.Modelset?.Span ?? SourceSpan.WholeFile(file.Path);
            errors.Add(ConfigError.At(span, document.Kind == ConfigKind.Basemodel ? "model" : "modelset",
                "an aggregation experiment has no basemodel or modelset: its sources' runs did the modelling"));
        }

        var (aggregationDocument, aggregationFile) = aggregations[0];
        var aggregation = aggregationDocument.Aggregation;
        var (output, outputFile) = aggregation is null ? (null, null) : FindOutput(aggregation, documents, files, errors);
        if (output is not null)
            RefuseOutputKeys(output, errors);
        if (errors.Count > 0 || aggregation is null || output is null || outputFile is null)
            throw new ConfigValidationException(errors.Count > 0 ? errors : [ConfigError.At(SourceSpan.WholeFile(folder), "aggregation", "the aggregation config could not be read")]);
        var used = new[] { aggregationFile, outputFile }.OrderBy(f => f.Path, StringComparer.Ordinal).ToArray();
        return new AggregationExperiment(expId, folder, aggregation, output, used);
    }

    private static (OutputConfig? Output, ExperimentConfigFile? File) FindOutput(AggregationConfig aggregation,
        List<(ConfigDocument Document, ExperimentConfigFile File)> documents, IReadOnlyList<(string Path, byte[] Bytes)> files, List<ConfigError> errors)
    {
        var name = aggregation.OutputConfig;
        if (name.Value.Length == 0)
            return (null, null);
        var match = documents.FirstOrDefault(d => string.Equals(Path.GetFileName(d.File.Path), name.Value, StringComparison.Ordinal));
        if (match.Document is null)
        {
            var present = files.Any(f => string.Equals(Path.GetFileName(f.Path), name.Value, StringComparison.Ordinal));
            if (!present)
            {
                var names = string.Join(", ", files.Select(f => Path.GetFileName(f.Path)));
                errors.Add(ConfigError.At(name.Span, "aggregation.output_config", $"no file '{name.Value}' beside the aggregation config (found: {names})"));
            }
            return (null, null);
        }
        if (match.Document.Output is not { } output)
        {
            errors.Add(ConfigError.At(name.Span, "aggregation.output_config", $"'{name.Value}' is not an output config (its top-level key is not 'output')"));
            return (null, null);
        }
        return (output, match.File);
    }

    /// <summary>The output keys that need a calibration's results, which an aggregate does not have.</summary>
    private static void RefuseOutputKeys(OutputConfig output, List<ConfigError> errors)
    {
        const string Detail = " for an aggregation";
        if (output.Posteriors is { Enabled: true } posteriors)
            errors.Add(ConfigError.At(posteriors.Span, "output.posteriors", $"{ConfigReader.NotSupportedYet}{Detail} (aggregated trajectories have no posterior)"));
        if (output.FlusightFormat is { } hub)
            errors.Add(ConfigError.At(hub.Span, "output.flusight_format", $"{ConfigReader.NotSupportedYet}{Detail}"));
        if (output.Plots is { } plots)
            errors.Add(ConfigError.At(plots.Span, "output.plots", $"{ConfigReader.NotSupportedYet}{Detail}"));
        if (output.ModelMeta is { ProjectionParameters.Value: true } meta)
            errors.Add(ConfigError.At(meta.ProjectionParameters.Span, "output.model_meta.projection_parameters", $"{ConfigReader.NotSupportedYet}{Detail} (no projection of its own)"));
    }
}
