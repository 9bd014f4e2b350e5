using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Epy.Contracts.Reading;
using YamlDotNet.RepresentationModel;

namespace Epy.Stages.Outputs.Hub;

/// <summary>Reads a hub's configuration files from their text (no I/O; <see cref="HubConfigFolder"/> reads the files).</summary>
public static partial class HubConfigReader
{
    /// <summary>Parses <c>tasks.json</c>, and <c>validations.yml</c> and <c>admin.json</c> when given.</summary>
    /// <exception cref="FormatException">A file does not have the hubverse shape.</exception>
    public static HubConfig Parse(string tasksJson, string? validationsYaml = null, string? adminJson = null)
    {
        ArgumentNullException.ThrowIfNull(tasksJson);
        try
        {
            using var tasks = JsonDocument.Parse(tasksJson);
            var rounds = Array(tasks.RootElement, "rounds", "tasks.json").Select(Round).ToList();
            var checks = validationsYaml is null ? HubConfigChecks.None : Checks(validationsYaml);
            return new HubConfig(rounds, checks, adminJson is null ? [] : FileFormats(adminJson));
        }
        catch (JsonException e)
        {
            throw new FormatException($"not JSON: {e.Message}", e);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new FormatException($"validations.yml: {e.Message}", e);
        }
    }

    /// <summary>
    /// Reads a population table (hubValidations' <c>location</c> and <c>population</c> columns,
    /// FluSight's <c>auxiliary-data/locations.csv</c>) into location → population.
    /// </summary>
    /// <exception cref="FormatException">A column is missing or a population is not a number.</exception>
    public static IReadOnlyDictionary<string, double> Populations(string csv)
    {
        var table = SubmissionTable.Parse(csv);
        var (location, population) = (table.IndexOf("location"), table.IndexOf("population"));
        if (location < 0 || population < 0)
            throw new FormatException("the population table needs columns 'location' and 'population'");
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            if (!double.TryParse(row.Cells[population], NumberStyles.Float, CultureInfo.InvariantCulture, out var people))
                throw new FormatException($"line {row.Line}: population '{row.Cells[population]}' is not a number");
            result[row.Cells[location]] = people;
        }
        return result;
    }

    private static HubRound Round(JsonElement round)
    {
        var fromVariable = round.TryGetProperty("round_id_from_variable", out var flag) && flag.ValueKind == JsonValueKind.True;
        var id = round.TryGetProperty("round_id", out var roundId) ? roundId.GetString() ?? "" : "";
        return new HubRound(fromVariable, id, Array(round, "model_tasks", "a round").Select(ModelTask).ToList());
    }

    private static HubModelTask ModelTask(JsonElement task)
    {
        var ids = Object(task, "task_ids", "a model task").EnumerateObject()
            .Select(p => new HubTaskId(p.Name, Values(p.Value, "required"), Values(p.Value, "optional"), IsNumeric(p.Value)))
            .ToList();
        var types = Object(task, "output_type", "a model task").EnumerateObject().Select(OutputType).ToList();
        return new HubModelTask(ids, types);
    }

    private static HubOutputType OutputType(JsonProperty type)
    {
        var body = type.Value;
        var value = body.TryGetProperty("value", out var v) ? v : default;
        var rule = new HubTaskValueRule(
            value.ValueKind == JsonValueKind.Object && value.TryGetProperty("type", out var t) ? t.GetString() ?? "double" : "double",
            Number(value, "minimum"), Number(value, "maximum"));
        HubTaskSampleRule? sample = null;
        if (body.TryGetProperty("output_type_id_params", out var p))
        {
            sample = new HubTaskSampleRule(
                p.TryGetProperty("type", out var idType) ? idType.GetString() ?? "character" : "character",
                (int?)Number(p, "max_length"),
                (int)(Number(p, "min_samples_per_task") ?? 1),
                (int)(Number(p, "max_samples_per_task") ?? int.MaxValue),
                p.TryGetProperty("compound_taskid_set", out var set) && set.ValueKind == JsonValueKind.Array
                    ? set.EnumerateArray().Select(s => s.GetString() ?? "").ToList()
                    : []);
        }
        IReadOnlyList<string> required = [], optional = [];
        var numeric = false;
        if (body.TryGetProperty("output_type_id", out var ids) && ids.ValueKind == JsonValueKind.Object)
        {
            (required, optional, numeric) = (Values(ids, "required"), Values(ids, "optional"), IsNumeric(ids));
        }
        // Schema v4+ says is_required; before it, an output type with required ids was required.
        var isRequired = body.TryGetProperty("is_required", out var r) ? r.ValueKind == JsonValueKind.True : required.Count > 0;
        return new HubOutputType(type.Name, required, optional, numeric, isRequired, rule, sample);
    }

    private static HubConfigChecks Checks(string yaml)
    {
        var stream = BoundedYaml.Load(new StringReader(yaml));
        HubConfigTimediff? timediff = null;
        HubConfigPopulationCheck? population = null;
        foreach (var check in stream.Documents.SelectMany(d => Descendants(d.RootNode)).OfType<YamlMappingNode>())
        {
            var fn = Scalar(check, "fn");
            var args = check.Children.TryGetValue(new YamlScalarNode("args"), out var a) ? a as YamlMappingNode : null;
            if (fn == "opt_check_tbl_horizon_timediff")
                timediff = new HubConfigTimediff(Scalar(args, "t0_colname") ?? "reference_date", Scalar(args, "t1_colname") ?? "target_end_date", Scalar(args, "horizon_colname") ?? "horizon");
            else if (fn == "opt_check_tbl_counts_lt_popn")
                population = new HubConfigPopulationCheck(QuotedValues().Matches(Scalar(args, "targets") ?? "").Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).ToList(),
                    Scalar(args, "popn_file_path") ?? "auxiliary-data/locations.csv", new Dictionary<string, double>());
        }
        return new HubConfigChecks(timediff, population);
    }

    private static List<string> FileFormats(string adminJson)
    {
        using var admin = JsonDocument.Parse(adminJson);
        return admin.RootElement.TryGetProperty("file_format", out var formats) && formats.ValueKind == JsonValueKind.Array
            ? formats.EnumerateArray().Select(f => f.GetString() ?? "").ToList()
            : [];
    }

    private static IEnumerable<YamlNode> Descendants(YamlNode node) =>
        node is YamlMappingNode map ? [node, .. map.Children.Values.SelectMany(Descendants)] : [node];

    private static string? Scalar(YamlMappingNode? map, string key) =>
        map is not null && map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode scalar ? scalar.Value : null;

    private static JsonElement.ArrayEnumerator Array(JsonElement parent, string name, string where) =>
        parent.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray()
            : throw new FormatException($"{where} has no '{name}' list");

    private static JsonElement Object(JsonElement parent, string name, string where) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw new FormatException($"{where} has no '{name}' object");

    private static List<string> Values(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()).ToList()
            : [];

    private static bool IsNumeric(JsonElement parent) =>
        IdLists.Any(n => parent.TryGetProperty(n, out var list) && list.ValueKind == JsonValueKind.Array
                                                  && list.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.Number));

    private static double? Number(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var n) && n.ValueKind == JsonValueKind.Number ? n.GetDouble() : null;

    private static readonly string[] IdLists = ["required", "optional"];

    [GeneratedRegex(@"'([^']*)'|""([^""]*)""")]
    private static partial Regex QuotedValues();
}
