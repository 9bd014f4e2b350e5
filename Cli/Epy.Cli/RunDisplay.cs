using Epy.Contracts.Api;

namespace Epy.Cli;

/// <summary>
/// How <c>run --wait</c> shows a run it follows through the orchestrator's API, as <c>run --local</c> does: on a
/// terminal the <see cref="LiveProgress"/> block redrawn in place with a running clock; otherwise a line per change
/// (<see cref="ProgressPrinter"/>); nothing with <c>--quiet</c>.
/// </summary>
public sealed class RunDisplay(TextWriter output, bool terminal, bool quiet, bool color, TimeProvider time)
{
    private readonly TerminalBlock? _block = terminal && !quiet ? new TerminalBlock(output) : null;
    private readonly ProgressPrinter _lines = new(output, quiet, time);
    private readonly long _started = time.GetTimestamp();

    /// <summary>Shows <paramref name="run"/> as it is now.</summary>
    public void Show(RunView run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (_block is not null)
            _block.Draw(LiveProgress.Lines(run, time.GetElapsedTime(_started), time.GetUtcNow(), color));
        else
            _lines.Show(run);
    }
}
