using System.Text.Json;
using System.Text.Json.Serialization;

namespace Epy.Contracts.Runs;

/// <summary>Writes a <see cref="RunId"/> as its text and reads it back, rejecting malformed ids.</summary>
public sealed class RunIdJsonConverter : JsonConverter<RunId>
{
    /// <inheritdoc />
    public override RunId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        RunId.TryParse(reader.GetString(), out var id) ? id : throw new JsonException($"'{reader.GetString()}' is not a run id");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, RunId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}

/// <summary>Writes an <see cref="ExperimentId"/> as its text and reads it back, rejecting invalid ids.</summary>
public sealed class ExperimentIdJsonConverter : JsonConverter<ExperimentId>
{
    /// <inheritdoc />
    public override ExperimentId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ExperimentId.TryParse(reader.GetString(), out var id, out var reason) ? id : throw new JsonException($"exp_id {reason}");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ExperimentId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}

/// <summary>Writes a <see cref="JobId"/> as its text and reads it back.</summary>
public sealed class JobIdJsonConverter : JsonConverter<JobId>
{
    /// <inheritdoc />
    public override JobId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JobId.TryParse(reader.GetString(), out var id) ? id : throw new JsonException($"'{reader.GetString()}' is not a job id");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, JobId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.Value);
    }
}
