namespace Epy.Testing;

/// <summary>A fresh folder under the system temp folder, deleted on dispose (kept when EPY_KEEP_TEMP is set, to look into a failed test).</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        // Short and without spaces: the fake stage's path goes through EPY_STAGE_COMMAND, which is split on spaces.
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"epy-test-{Guid.NewGuid():N}"[..17]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary><c>{Path}/{relative}</c>.</summary>
    public string Combine(params string[] relative) => System.IO.Path.Combine([Path, .. relative]);

    /// <summary>Copies <paramref name="source"/> (recursively) to <c>{Path}/{name}</c> and returns the copy's path.</summary>
    public string CopyOf(string source, string name)
    {
        var target = Combine(name);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
            // Read-only sources (the shipped data) make read-only copies that a test could not change or delete.
            File.SetAttributes(copy, FileAttributes.Normal);
        }
        return target;
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Path) && Environment.GetEnvironmentVariable("EPY_KEEP_TEMP") is null)
                Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A straggling child process still writing: the OS cleans the temp folder eventually.
        }
    }
}
