using System.Text;
using Epy.Cli.Configuration;

namespace Epy.Cli;

/// <summary>
/// The value of <c>config set</c>: as typed on the command line; from standard input's first line for
/// <c>-</c> or <c>--stdin</c> (<c>pass show github | epycloud config set github.personal_access_token -</c>);
/// asked for without echo on a terminal when left out. So a token need not be put in shell history.
/// </summary>
public static class SecretInput
{
    /// <summary>The value to set for <paramref name="key"/>; <paramref name="prompt"/> is where a question is written.</summary>
    public static string Value(string key, string? given, bool fromStdin, TextWriter prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        if (fromStdin && given is not (null or "-"))
            throw new ConfigurationException("give the value either on the command line or with --stdin, not both", $"epycloud config set {key} --stdin < file");
        if (fromStdin || given == "-" || (given is null && Console.IsInputRedirected))
        {
            return Console.In.ReadLine()?.TrimEnd('\r', '\n')
                ?? throw new ConfigurationException($"no value for {key} on standard input", $"echo VALUE | epycloud config set {key} -");
        }
        if (given is not null)
            return given;
        prompt.Write($"{key}: ");
        prompt.Flush();
        var typed = ReadHidden();
        prompt.WriteLine();
        return typed;
    }

    /// <summary>A line typed on the terminal, not echoed.</summary>
    private static string ReadHidden()
    {
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
                return text.ToString();
            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0)
                    text.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }
    }
}
