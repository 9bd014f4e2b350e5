using System.Globalization;
using Epy.Contracts.Api;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Ports;

namespace Epy.Orchestrator.Runs;

/// <summary>
/// Pages of a run's whole history: the archived entries from the store, then those its state keeps. A page token
/// is the sequence number the page starts at.
/// </summary>
public static class RunHistoryPages
{
    /// <summary>The default page size of <c>GET /v1/runs/{id}/history</c>.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>The largest page; larger sizes are clamped to it.</summary>
    public const int MaxPageSize = 500;

    /// <summary>The sequence number a page token names, or null when it is not one.</summary>
    public static long? ParseToken(string token) =>
        long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var from) ? from : null;

    /// <summary>The page of <paramref name="stored"/>'s history that starts at entry <paramref name="from"/> and holds at most <paramref name="size"/> entries.</summary>
    public static async Task<HistoryPage> ReadAsync(IRunStore store, StoredRun stored, long from, int size, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(stored);
        var state = stored.State;
        size = Math.Clamp(size, 1, MaxPageSize);
        var total = RunHistory.Count(state);
        var end = Math.Min(total, from + size);
        var entries = new List<HistoryEntry>();
        if (from < state.HistoryArchived)
        {
            var archived = await store.ReadArchivedHistoryAsync(state.Run, from, (int)(Math.Min(end, state.HistoryArchived) - from), cancellationToken).ConfigureAwait(false);
            entries.AddRange(archived.Where(entry => entry.Sequence >= from && entry.Sequence < state.HistoryArchived).Select(entry => entry.Entry));
        }
        for (var sequence = Math.Max(from, state.HistoryArchived); sequence < end; sequence++)
            entries.Add(state.History[(int)(sequence - state.HistoryArchived)]);
        var views = entries.Select(entry => new HistoryView(entry.At, entry.Status.ToWire(), entry.What)).ToList();
        return new HistoryPage(views, total, end < total ? end.ToString(CultureInfo.InvariantCulture) : null);
    }
}
