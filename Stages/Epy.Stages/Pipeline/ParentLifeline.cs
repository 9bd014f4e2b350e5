using Epy.Contracts.Stages;

namespace Epy.Stages.Pipeline;

/// <summary>
/// A stage task started by the local orchestrator (<c>EPY_STDIN_LIFELINE=1</c>) keeps its standard input open
/// as a lifeline: the orchestrator never writes to it after the start and the kernel closes it when the
/// orchestrator's process ends, however it ends (<c>kill -9</c> included). End of input therefore means the
/// task is orphaned: it stops instead of running on beside the task a resumed run starts again.
/// </summary>
public static class ParentLifeline
{
    /// <summary>
    /// When <paramref name="env"/> turns the lifeline on, reads <paramref name="input"/> on a background thread
    /// until its end, then calls <paramref name="lost"/> once. Returns whether it is watching.
    /// </summary>
    public static bool Watch(Func<string, string?> env, TextReader input, Action lost)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(lost);
        if (env(StageVariables.StdinLifeline) != "1")
            return false;
        var thread = new Thread(() =>
        {
            try
            {
                while (input.Read() >= 0)
                {
                    // Nothing is expected on the lifeline; anything read is ignored.
                }
            }
            catch (IOException)
            {
                // A broken pipe is an end too.
            }
            lost();
        })
        {
            IsBackground = true,
            Name = "epy-parent-lifeline",
        };
        thread.Start();
        return true;
    }
}
