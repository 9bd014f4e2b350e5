using System.Globalization;
using Epy.Contracts.Reading;
using Epy.Stages.ReferenceData;
using System.Security.Cryptography;
using System.Text;

namespace Epy.Stages.Configs;

/// <summary>
/// Reads an experiment's configuration files from <c>{forecast_repo}/experiments/{exp_id}/config/*.yaml|yml</c>,
/// classifies each by its top-level key, and validates them alone and together. One basemodel is
/// required; at most one modelset; outputs beyond one are an error unless one is named
/// <c>output.yaml</c> (or <c>output.yml</c>), which then wins and the others are ignored.
/// </summary>
public static class ExperimentLoader
{
    private static readonly string[] PreferredOutputNames = ["output.yaml", "output.yml"];

    /// <summary>Loads and validates experiment <paramref name="expId"/>.</summary>
    /// <param name="forecastRepo">The forecast repository's root folder.</param>
    /// <param name="expId">The experiment id: a plain folder name.</param>
    /// <param name="codebook">The known locations (for <c>population_names</c>).</param>
    /// <param name="populationDataRoot">An epydemix-data root; when given, each location must have <c>data/{epydemix_name}/demographic/age_distribution.csv</c> under it.</param>
    /// <exception cref="ConfigValidationException">Any problem, all of them listed together.</exception>
    public static Experiment Load(string forecastRepo, string expId, LocationCodebook codebook, string? populationDataRoot = null) =>
        Load(forecastRepo, expId, codebook, populationDataRoot is null ? null : PopulationDataSearch.At(populationDataRoot));

    /// <summary>Loads and validates experiment <paramref name="expId"/>, each location's population looked for by <paramref name="population"/>.</summary>
    /// <param name="forecastRepo">The forecast repository's root folder.</param>
    /// <param name="expId">The experiment id: a plain folder name.</param>
    /// <param name="codebook">The known locations (for <c>population_names</c>).</param>
    /// <param name="population">Where population data is looked for; null skips the check.</param>
    /// <exception cref="ConfigValidationException">Any problem, all of them listed together.</exception>
    public static Experiment Load(string forecastRepo, string expId, LocationCodebook codebook, PopulationDataSearch? population)
    {
        ArgumentNullException.ThrowIfNull(forecastRepo);
        ArgumentNullException.ThrowIfNull(expId);
        ArgumentNullException.ThrowIfNull(codebook);
        var folder = Path.GetFullPath(Path.Combine(forecastRepo, "experiments", expId, "config"));
        if (!IsPlainName(expId))
            throw Fail(folder, "exp_id", $"'{expId}' is not a valid experiment id: use letters, digits, '_', '-' and '.' only");
        if (!Directory.Exists(folder))
            throw Fail(folder, "exp_id", $"no config folder for experiment '{expId}': expected {folder}");

        var paths = Directory.EnumerateFiles(folder)
            .Where(path => path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToArray();
        var files = paths.Select(path => (path, ReadConfig(path))).ToArray();
        Func<LocationCodebookEntry, string?>? missing = population is null ? null : entry => MissingPopulationData(population, entry);
        var experiment = Validate(expId, folder, files, codebook, missing);
        // Before any data file is read: every path a config names stays inside the repository.
        var outside = RepositoryPaths.Check(experiment, forecastRepo);
        return outside.Count == 0 ? experiment : throw new ConfigValidationException(outside);
    }

    /// <summary>
    /// Loads experiment <paramref name="expId"/> from config files already read (a task input's copies),
    /// touching no file. Without a <paramref name="codebook"/>, the locations are not resolved
    /// (<see cref="Experiment.Locations"/> is empty): the builder checked them, and a task knows its own.
    /// </summary>
    /// <param name="expId">The experiment id.</param>
    /// <param name="folder">Where the files are said to be: errors name <c>{folder}/{file name}</c>.</param>
    /// <param name="files">Each config's file name and UTF-8 bytes.</param>
    /// <param name="codebook">The known locations, or null to skip resolving them.</param>
    /// <exception cref="ConfigValidationException">Any problem, all of them listed together.</exception>
    public static Experiment FromFiles(string expId, string folder, IReadOnlyList<(string Name, byte[] Bytes)> files, LocationCodebook? codebook)
    {
        ArgumentNullException.ThrowIfNull(expId);
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(files);
        var located = files.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => ($"{folder.TrimEnd('/')}/{f.Name}", f.Bytes)).ToArray();
        return Validate(expId, folder, located, codebook, missingPopulationData: null);
    }

    /// <summary>Every file parsed (its errors added to <paramref name="errors"/>), with its kind and digest; files that did not parse left out.</summary>
    internal static List<(ConfigDocument Document, ExperimentConfigFile File)> ParseAll(IReadOnlyList<(string Path, byte[] Bytes)> files, List<ConfigError> errors)
    {
        var documents = new List<(ConfigDocument Document, ExperimentConfigFile File)>();
        foreach (var (path, bytes) in files)
        {
            var result = ConfigLoader.Parse(Encoding.UTF8.GetString(bytes), path);
            errors.AddRange(result.Errors);
            if (result.Document is { } document)
                documents.Add((document, new ExperimentConfigFile(path, document.Kind, Convert.ToHexStringLower(SHA256.HashData(bytes)))));
        }
        return documents;
    }

    private static Experiment Validate(string expId, string folder, IReadOnlyList<(string Path, byte[] Bytes)> files, LocationCodebook? codebook,
        Func<LocationCodebookEntry, string?>? missingPopulationData)
    {
        var paths = files.Select(f => f.Path).ToArray();
        var errors = new List<ConfigError>();
        var documents = ParseAll(files, errors);

        var basemodels = documents.Where(d => d.Document.Kind == ConfigKind.Basemodel).ToList();
        var modelsets = documents.Where(d => d.Document.Kind is ConfigKind.SamplingModelset or ConfigKind.CalibrationModelset).ToList();
        var outputs = PickOutput(documents.Where(d => d.Document.Kind == ConfigKind.Output).ToList(), errors);
        RejectExtra(basemodels, "model", "basemodel", errors);
        RejectExtra(modelsets, "modelset", "modelset", errors);
        if (basemodels.Count > 0)
        {
            foreach (var (document, file) in documents.Where(d => d.Document.Kind == ConfigKind.Aggregation))
            {
                errors.Add(ConfigError.At(document.Aggregation?.Span ?? SourceSpan.WholeFile(file.Path), "aggregation",
                    "an aggregation and a basemodel cannot share an experiment: give the aggregation an experiment folder of its own"));
            }
        }
        // A file that is not YAML is left out: what would be said about the documents it may hold (no basemodel,
        // no calibration modelset for the calibrated parameters) would be wrong, and is not said.
        var unparsed = errors.Any(e => paths.Contains(e.File) && e.Field == "(yaml)");
        if (basemodels.Count == 0 && !unparsed)
            errors.Add(ConfigError.At(SourceSpan.WholeFile(folder), "model", $"no basemodel: expected a file with top-level key 'model' among {paths.Length} config file(s)"));

        var basemodel = basemodels.FirstOrDefault().Document?.Basemodel;
        var modelset = modelsets.FirstOrDefault().Document?.Modelset;
        var output = outputs.FirstOrDefault().Document?.Output;
        IReadOnlyList<LocationCodebookEntry> locations = [];
        LocationCodebookEntry? contactMatrixLocation = null;
        if (basemodel is not null)
        {
            var (crossErrors, resolved) = ExperimentValidator.Validate(basemodel, modelset, output, codebook, missingPopulationData, modelsetUnknown: unparsed && modelset is null);
            errors.AddRange(crossErrors);
            locations = resolved;
            if (basemodel.Population.ContactMatrix is { } source)
                contactMatrixLocation = codebook?.Find(source.Value);
        }
        if (errors.Count > 0 || basemodel is null)
            throw new ConfigValidationException(errors);

        var used = basemodels.Take(1).Concat(modelsets.Take(1)).Concat(outputs.Take(1))
            .Select(d => d.File).OrderBy(file => file.Path, StringComparer.Ordinal).ToArray();
        return new Experiment(expId, folder, basemodel, modelset, output, used, locations, contactMatrixLocation);
    }

    private static List<(ConfigDocument Document, ExperimentConfigFile File)> PickOutput(
        List<(ConfigDocument Document, ExperimentConfigFile File)> outputs, List<ConfigError> errors)
    {
        if (outputs.Count <= 1)
            return outputs;
        var preferred = outputs.FirstOrDefault(o => PreferredOutputNames.Contains(Path.GetFileName(o.File.Path), StringComparer.Ordinal));
        if (preferred.Document is not null)
            return [preferred];
        RejectExtra(outputs, "output", "output config", errors);
        return outputs;
    }

    private static void RejectExtra(List<(ConfigDocument Document, ExperimentConfigFile File)> found, string field, string what, List<ConfigError> errors)
    {
        foreach (var extra in found.Skip(1))
        {
            var span = extra.Document.Basemodel?.Span ?? extra.Document.Modelset?.Span ?? extra.Document.Output?.Span ?? SourceSpan.WholeFile(extra.File.Path);
            var hint = field == "output" ? "; name the one to use output.yaml" : string.Empty;
            errors.Add(ConfigError.At(span, field, $"a second {what}: {Path.GetFileName(found[0].File.Path)} is one already, and an experiment has one{hint}"));
        }
    }

    private static string? MissingPopulationData(PopulationDataSearch population, LocationCodebookEntry entry)
    {
        if (!IsPlainName(entry.EpydemixName))
            return $"a plain epydemix location name, found '{entry.EpydemixName}'";
        return population.Find(entry.EpydemixName) is null ? population.Missing(entry.EpydemixName) : null;
    }

    /// <summary>The bytes of the config file <paramref name="path"/>; one past <see cref="InputLimits.MaxYamlBytes"/> is a config error.</summary>
    internal static byte[] ReadConfig(string path) =>
        BoundedFile.ReadAllBytes(path, InputLimits.MaxYamlBytes)
        ?? throw Fail(path, "(file)", string.Create(CultureInfo.InvariantCulture, $"larger than {InputLimits.MaxYamlBytes / (1024 * 1024)} MiB, the most a config file may be"));

    private static bool IsPlainName(string name) =>
        name.Length > 0 && name.Trim('.').Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    private static ConfigValidationException Fail(string folder, string field, string message) =>
        new([ConfigError.At(SourceSpan.WholeFile(folder), field, message)]);
}
