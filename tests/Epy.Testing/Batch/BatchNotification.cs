namespace Epy.Testing.Batch;

/// <summary>
/// One Pub/Sub message as Batch publishes it for a job state change: the message's attributes are
/// <c>Type</c> (<c>JOB_STATE_CHANGED</c>), <c>JobName</c> (the full job name), <c>JobUID</c>,
/// <c>NewJobState</c> and <c>Region</c>; its data is a description for people.
/// </summary>
/// <param name="Topic">The job's <c>pubsubTopic</c>, <c>projects/p/topics/t</c>.</param>
/// <param name="Attributes">The message attributes.</param>
/// <param name="Data">The message data (UTF-8 text).</param>
public sealed record BatchNotification(string Topic, IReadOnlyDictionary<string, string> Attributes, string Data)
{
    /// <summary>The <c>NewJobState</c> attribute.</summary>
    public string NewJobState => Attributes["NewJobState"];

    /// <summary>The <c>JobName</c> attribute.</summary>
    public string JobName => Attributes["JobName"];
}
