namespace Epy.Contracts.Runs;

/// <summary>Names of the stages as the pipeline writes them.</summary>
public static class StageNames
{
    /// <summary>The stage's letter: <c>a</c>, <c>b</c> or <c>c</c> (job ids, labels).</summary>
    public static char Letter(this Stage stage) => stage switch
    {
        Stage.Builder => 'a',
        Stage.Runner => 'b',
        Stage.Output => 'c',
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
    };

    /// <summary>The stage program's command: <c>builder</c>, <c>runner</c> or <c>output</c>.</summary>
    public static string Command(this Stage stage) => stage switch
    {
        Stage.Builder => "builder",
        Stage.Runner => "runner",
        Stage.Output => "output",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
    };

    /// <summary>The stage for a letter (<c>a</c>/<c>b</c>/<c>c</c>, any case), or null.</summary>
    public static Stage? FromLetter(char letter) => char.ToLowerInvariant(letter) switch
    {
        'a' => Stage.Builder,
        'b' => Stage.Runner,
        'c' => Stage.Output,
        _ => null,
    };
}
