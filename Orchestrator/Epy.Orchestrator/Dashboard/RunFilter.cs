namespace Epy.Orchestrator.Dashboard;

/// <summary>The list page's filter as given in its query string (raw: the API's rules check it).</summary>
/// <param name="ExpId">Only this experiment, when set.</param>
/// <param name="State">Only this state, when set.</param>
/// <param name="PageToken">Runs older than this one.</param>
public sealed record RunFilter(string? ExpId, string? State, string? PageToken)
{
    /// <summary>No filter at all.</summary>
    public bool IsEmpty => ExpId is null && State is null && PageToken is null;

    /// <summary>Where the table's rows are refreshed from.</summary>
    public string RowsUrl => "/dashboard/runs-rows" + Query(PageToken);

    /// <summary>The list page with this filter, from <paramref name="pageToken"/> on.</summary>
    public string PageUrl(string pageToken) => "/" + Query(pageToken);

    private string Query(string? pageToken)
    {
        var parts = new List<string>();
        if (ExpId is not null)
            parts.Add("exp_id=" + Uri.EscapeDataString(ExpId));
        if (State is not null)
            parts.Add("state=" + Uri.EscapeDataString(State));
        if (pageToken is not null)
            parts.Add("page_token=" + Uri.EscapeDataString(pageToken));
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
