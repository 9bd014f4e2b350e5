using Epy.Contracts.Runs;

namespace Epy.Cli.Client;

/// <summary>
/// A run as people type it: its id, <c>latest</c> (the newest run), or a unique piece of its id — its
/// start (<c>20261207-0243</c>) or its 8 hex digits or their start (<c>5c36</c>).
/// </summary>
public static class RunIds
{
    private const int Searched = 1000;

    /// <summary>The full run id <paramref name="text"/> stands for among <paramref name="source"/>'s runs.</summary>
    /// <exception cref="CliException">No run matches, or several do (they are named).</exception>
    public static async Task<string> ResolveAsync(IRunSource source, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(text);
        var wanted = text.Trim();
        if (RunId.TryParse(wanted, out _))
            return wanted;
        if (wanted.Length == 0)
            throw CliException.Configuration("the run id is empty", "pass a run id, a unique piece of one, or 'latest'");
        if (wanted.Equals("latest", StringComparison.OrdinalIgnoreCase))
        {
            var newest = await source.ListAsync(null, null, 1, null, cancellationToken).ConfigureAwait(false);
            return newest.Runs.Count > 0 ? newest.Runs[0].RunId : throw CliException.Configuration($"there are no runs at {source.Where}");
        }
        var matches = new List<string>();
        string? token = null;
        var seen = 0;
        do
        {
            var page = await source.ListAsync(null, null, 200, token, cancellationToken).ConfigureAwait(false);
            seen += page.Runs.Count;
            matches.AddRange(page.Runs.Select(r => r.RunId).Where(id => Matches(id, wanted)));
            token = page.NextPageToken;
        }
        while (token is not null && seen < Searched && matches.Count < 2);
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw CliException.Configuration($"no run id at {source.Where} starts with or has the digits '{wanted}'", "'epycloud runs list' shows the runs; 'latest' names the newest"),
            _ => throw CliException.Configuration($"'{wanted}' matches more than one run ({string.Join(", ", matches)}{(token is null ? "" : ", ...")})", "give more of the id"),
        };
    }

    // 20261207-024356-5c363f80: its start, or (its hex part) the digits or their start.
    private static bool Matches(string id, string wanted) =>
        id.StartsWith(wanted, StringComparison.OrdinalIgnoreCase)
        || (wanted.Length >= 4 && id.Length > 16 && id[16..].StartsWith(wanted, StringComparison.OrdinalIgnoreCase));
}
