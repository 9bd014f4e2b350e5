using System.Text;

namespace Epy.Cli.Tools;

/// <summary>One external command: its program (looked up on PATH), arguments, added environment and folder.</summary>
/// <param name="Program">gcloud, podman, docker or terraform.</param>
/// <param name="Arguments">Its arguments, each passed as one argv entry (no shell).</param>
/// <param name="Environment">Variables added to the inherited environment (<c>TF_VAR_*</c>, ...).</param>
/// <param name="WorkingDirectory">Where it runs.</param>
public sealed record ToolInvocation(string Program, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment, string WorkingDirectory)
{
    /// <summary>The command as a shell line one could paste: <c>cd DIR &amp;&amp; NAME=value program 'arg' ...</c>.</summary>
    public string CommandLine()
    {
        var line = new StringBuilder();
        line.Append("cd ").Append(Quote(WorkingDirectory)).Append(" && ");
        foreach (var (name, value) in Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
            line.Append(name).Append('=').Append(Quote(value)).Append(' ');
        line.Append(Program);
        foreach (var argument in Arguments)
            line.Append(' ').Append(Quote(argument));
        return line.ToString();
    }

    /// <summary>Quotes <paramref name="text"/> for a POSIX shell when it needs it.</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,@%+".Contains(c, StringComparison.Ordinal))
            ? text
            : "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
