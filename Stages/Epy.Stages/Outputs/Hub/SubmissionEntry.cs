namespace Epy.Stages.Outputs.Hub;

/// <summary>A row that passed the row checks, with its model task and its task key.</summary>
/// <param name="Task">The index of its model task in the round.</param>
/// <param name="Line">Its line in the file.</param>
/// <param name="TaskIds">Its task id values (null: NA).</param>
/// <param name="Key">Its task id values as text (without the round id): the task it forecasts.</param>
/// <param name="OutputType">Its output type.</param>
/// <param name="OutputTypeId">Its output_type_id.</param>
/// <param name="Value">Its value.</param>
internal sealed record SubmissionEntry(int Task, int Line, IReadOnlyDictionary<string, string?> TaskIds, string Key, string OutputType, string OutputTypeId, double Value);
