namespace Epy.Cli;

/// <summary>Draws a block of lines on a terminal, redrawing it in place each time (ANSI cursor moves).</summary>
public sealed class TerminalBlock(TextWriter output)
{
    private int _drawn;

    /// <summary>Replaces the block drawn last with <paramref name="lines"/>.</summary>
    public void Draw(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (_drawn > 0)
            output.Write($"\u001b[{_drawn}F"); // to the start of the block's first line
        foreach (var line in lines)
            output.Write($"\u001b[2K{line}\n");
        if (lines.Count < _drawn)
            output.Write("\u001b[J"); // clear what the longer block left below
        _drawn = lines.Count;
        output.Flush();
    }
}
