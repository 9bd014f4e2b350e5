using System.Text.Json.Nodes;

namespace Epy.Stages.Tests.Outputs.Hub;

/// <summary>
/// A hand-made tasks.json for one round (2025-03-15): <c>wk inc flu hosp</c> with 2 horizons (0, 1), 3 quantile
/// levels and samples (2 to 3 per task), <c>wk flu hosp rate change</c> with the same horizons, one location (25).
/// </summary>
internal static class SmallHub
{
    public static readonly DateOnly Round = new(2025, 3, 15);

    public static string TasksJson(string[]? categories = null, bool samples = true, string[]? locations = null, string sampleIdType = "character")
    {
        JsonNode TaskIds(string target) => new JsonObject
        {
            ["reference_date"] = new JsonObject { ["required"] = new JsonArray("2025-03-15"), ["optional"] = null },
            ["target"] = new JsonObject { ["required"] = new JsonArray(target), ["optional"] = null },
            ["horizon"] = new JsonObject { ["required"] = new JsonArray(0, 1), ["optional"] = null },
            ["location"] = new JsonObject { ["required"] = new JsonArray([.. (locations ?? ["25"]).Select(l => (JsonNode?)l)]), ["optional"] = null },
            ["target_end_date"] = new JsonObject { ["required"] = null, ["optional"] = new JsonArray("2025-03-15", "2025-03-22") },
        };
        var incidenceTypes = new JsonObject
        {
            ["quantile"] = new JsonObject
            {
                ["output_type_id"] = new JsonObject { ["required"] = new JsonArray(0.25, 0.5, 0.75) },
                ["is_required"] = true,
                ["value"] = new JsonObject { ["type"] = "double", ["minimum"] = 0 },
            },
        };
        if (samples)
        {
            incidenceTypes["sample"] = new JsonObject
            {
                ["output_type_id_params"] = new JsonObject
                {
                    ["type"] = sampleIdType, ["max_length"] = 15, ["min_samples_per_task"] = 2, ["max_samples_per_task"] = 3,
                    ["compound_taskid_set"] = new JsonArray("reference_date", "location", "target"),
                },
                ["is_required"] = false,
                ["value"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0 },
            };
        }
        var rateTypes = new JsonObject
        {
            ["pmf"] = new JsonObject
            {
                ["output_type_id"] = new JsonObject { ["required"] = new JsonArray([.. (categories ?? ["large_decrease", "decrease", "stable", "increase", "large_increase"]).Select(c => (JsonNode?)c)]) },
                ["is_required"] = false,
                ["value"] = new JsonObject { ["type"] = "double", ["minimum"] = 0, ["maximum"] = 1 },
            },
        };
        var tasks = new JsonObject
        {
            ["schema_version"] = "https://raw.githubusercontent.com/hubverse-org/schemas/main/v5.0.0/tasks-schema.json",
            ["rounds"] = new JsonArray(new JsonObject
            {
                ["round_id_from_variable"] = true,
                ["round_id"] = "reference_date",
                ["model_tasks"] = new JsonArray(
                    new JsonObject { ["task_ids"] = TaskIds("wk inc flu hosp"), ["output_type"] = incidenceTypes },
                    new JsonObject { ["task_ids"] = TaskIds("wk flu hosp rate change"), ["output_type"] = rateTypes }),
                ["submissions_due"] = new JsonObject { ["relative_to"] = "reference_date", ["start"] = -6, ["end"] = -3 },
            }),
        };
        return tasks.ToJsonString();
    }

    /// <summary>Writes <paramref name="tasksJson"/> as <c>{root}/hub-config/tasks.json</c>; returns the folder.</summary>
    public static string WriteFolder(string root, string tasksJson)
    {
        var folder = Path.Combine(root, "hub-config");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "tasks.json"), tasksJson);
        return folder;
    }
}
