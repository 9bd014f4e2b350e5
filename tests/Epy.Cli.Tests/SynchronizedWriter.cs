using System.Text;

namespace Epy.Cli.Tests;

/// <summary>A text writer one thread writes and another reads (a following command's output).</summary>
public sealed class SynchronizedWriter : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get
        {
            lock (_gate)
                return _text.ToString();
        }
    }

    public override void Write(char value)
    {
        lock (_gate)
            _text.Append(value);
    }

    public override void Write(string? value)
    {
        lock (_gate)
            _text.Append(value);
    }

    public override void WriteLine(string? value)
    {
        lock (_gate)
            _text.Append(value).Append('\n');
    }
}
