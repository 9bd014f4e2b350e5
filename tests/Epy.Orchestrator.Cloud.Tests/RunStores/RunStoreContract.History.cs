using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Ports;
using Epy.Orchestrator.Runs;

namespace Epy.Orchestrator.Cloud.Tests.RunStores;

// History beyond the state's last 100 entries: archived as it leaves the state, never dropped (issue 18, item 9).
public abstract partial class RunStoreContract
{
    [Fact]
    public async Task Commit_HistoryEntriesLeavingTheState_AreArchived_AndEveryEntryCanBeReadInPages()
    {
        var stored = await CreateAsync(Id(1));
        var all = stored.State.History.ToList();
        for (var i = 1; i <= 130; i++)
        {
            // Now and then a decision notes two entries at once (a job's end and the next submit).
            var added = i % 10 == 0 ? 2 : 1;
            for (var k = 0; k < added; k++)
                all.Add(new HistoryEntry(Start.AddSeconds(all.Count), RunStatus.RunningTasks, $"entry {all.Count}"));
            var state = stored.State with
            {
                History = new ValueList<HistoryEntry>(all.TakeLast(RunState.HistoryLimit)),
                HistoryArchived = Math.Max(0, all.Count - RunState.HistoryLimit),
            };
            (await Store.CommitAsync(state, stored.Version, [], $"history-{i}", default)).ShouldBe(CommitResult.Committed);
            stored = (await Store.GetAsync(Id(1), default))!;
        }

        var archived = await Store.ReadArchivedHistoryAsync(Id(1), 0, 500, default);
        var pages = new List<string>();
        var seen = new List<Contracts.Api.HistoryView>();
        string? token = "0";
        while (token is not null)
        {
            var page = await RunHistoryPages.ReadAsync(Store, stored, long.Parse(token, System.Globalization.CultureInfo.InvariantCulture), 40, default);
            page.Total.ShouldBe(all.Count);
            seen.AddRange(page.History);
            pages.Add(token);
            token = page.NextPageToken;
        }

        stored.State.History.Count.ShouldBe(RunState.HistoryLimit);
        archived.Select(entry => entry.Sequence).ShouldBe(Enumerable.Range(0, all.Count - RunState.HistoryLimit).Select(i => (long)i));
        archived.Select(entry => entry.Entry).ShouldBe(all.Take(all.Count - RunState.HistoryLimit));
        seen.Select(view => view.What).ShouldBe(all.Select(entry => entry.What));
        seen.Select(view => view.At).ShouldBe(all.Select(entry => entry.At));
        pages.Count.ShouldBe((all.Count + 39) / 40);
        (await Store.ReadArchivedHistoryAsync(Id(1), 10, 3, default)).Select(entry => entry.Entry.What).ShouldBe(["entry 10", "entry 11", "entry 12"]);
    }

    [Fact]
    public async Task Commit_ConflictOrRepeatedEvent_ArchivesNothing()
    {
        var stored = await CreateAsync(Id(2));
        var full = stored.State with
        {
            History = new ValueList<HistoryEntry>(Enumerable.Range(0, RunState.HistoryLimit).Select(i => new HistoryEntry(Start.AddSeconds(i), RunStatus.Pending, $"entry {i}"))),
        };
        (await Store.CommitAsync(full, stored.Version, [], "fill", default)).ShouldBe(CommitResult.Committed);
        var shed = full with { History = full.History.Add(new HistoryEntry(Start.AddSeconds(100), RunStatus.Pending, "entry 100")).TakeLast(RunState.HistoryLimit), HistoryArchived = 1 };

        (await Store.CommitAsync(shed, stored.Version, [], "stale", default)).ShouldBe(CommitResult.Conflict);
        (await Store.CommitAsync(shed, stored.Version + 1, [], "fill", default)).ShouldBe(CommitResult.AlreadyProcessed);

        (await Store.ReadArchivedHistoryAsync(Id(2), 0, 10, default)).ShouldBeEmpty();
    }
}
