using System.Text.Json;
using Epy.Contracts.Builder;
using Epy.Stages.Building;
using Epy.Stages.ReferenceData;

namespace Epy.Stages.Pipeline;

/// <summary>
/// Stage A's input for one Stage B task (<c>builder-artifacts/input_{00000}.json.gz</c>): a versioned,
/// self-contained document. It holds the experiment's configs (the model's structure, parameters and
/// priors, strategy or samplers, projection settings), the location's population already aggregated
/// to the model's age groups, its vaccine doses, its observations inside the fitting window
/// (calibration), the sample row (sampling) and the task's seed. The runner builds the task from it
/// alone: it reads neither the forecast repository nor epydemix-data nor any other run file.
/// </summary>
/// <param name="SchemaVersion">The format version, <see cref="CurrentSchema"/>.</param>
/// <param name="TaskIndex">The task's index, 0 to N−1.</param>
/// <param name="Kind">What the task does.</param>
/// <param name="ExpId">The experiment id.</param>
/// <param name="RunId">The run id.</param>
/// <param name="Location">The location's ISO 3166-2 code (<c>US-MA</c>).</param>
/// <param name="LocationEntry">The location's row of the location codebook.</param>
/// <param name="Seed">The task's seed (<see cref="TaskSeed.For"/>).</param>
/// <param name="ExperimentSeed">The basemodel's <c>random_seed</c> (0 when not written) the task seed derives from.</param>
/// <param name="Configs">The experiment's config files, with their text.</param>
/// <param name="Population">The location's population on the model's age groups.</param>
/// <param name="Vaccination">The location's doses per day and age group, week by week; null without vaccination.</param>
/// <param name="Observed">The location's observations inside the fitting window (calibration); null otherwise.</param>
/// <param name="SampleRow">The sample-set row (sampling tasks); null otherwise.</param>
/// <param name="Sample">The row's values (sampling tasks); empty otherwise.</param>
/// <param name="Sources">The source runs' results for this location (aggregation tasks); absent otherwise.</param>
public sealed record TaskInput(
    int SchemaVersion,
    int TaskIndex,
    TaskKind Kind,
    string ExpId,
    string RunId,
    string Location,
    LocationCodebookEntry LocationEntry,
    ulong Seed,
    ulong ExperimentSeed,
    IReadOnlyList<TaskConfig> Configs,
    TaskPopulation Population,
    IReadOnlyList<VaccinationWeek>? Vaccination,
    TaskObservations? Observed,
    int? SampleRow,
    IReadOnlyList<SampleValue> Sample,
    IReadOnlyList<AggregationSourceInput>? Sources = null)
{
    /// <summary>
    /// The schema version this program writes and reads. 2: the input embeds the configs' text, the
    /// aggregated population, the doses and the observations (1 named copies in the run folder).
    /// </summary>
    public const int CurrentSchema = 2;

    /// <summary>The schema version of a stage document, read before the rest of it; null when it has none.</summary>
    /// <exception cref="JsonException">The document is not a JSON object, or its version is not an integer.</exception>
    public static int? SchemaOf(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("the document is not a JSON object");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isVersion = reader.ValueTextEquals("schema_version"u8);
            reader.Read();
            if (isVersion)
                return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var version) ? version : throw new JsonException("schema_version is not an integer");
            reader.Skip();
        }
        return null;
    }
}
