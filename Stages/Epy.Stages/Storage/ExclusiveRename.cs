using System.Runtime.InteropServices;

namespace Epy.Stages.Storage;

/// <summary>
/// Moves a finished file into place only if nothing is there, atomically: of any number of
/// concurrent writers exactly one wins. On Unix this is link(2) (which fails with EEXIST) then
/// unlink of the source, because .NET's no-overwrite move may fall back to a check-then-rename that
/// two writers can both pass (seen in our tests); on Windows, MoveFileEx without replace is atomic.
/// </summary>
internal static partial class ExclusiveRename
{
    private const int AlreadyExists = 17; // EEXIST on Linux and macOS

    /// <summary>Moves <paramref name="source"/> to <paramref name="target"/>; false, moving nothing, when the target exists.</summary>
    public static bool TryMove(string source, string target)
    {
        if (OperatingSystem.IsWindows())
        {
            try
            {
                File.Move(source, target, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(target))
            {
                return false;
            }
        }

        if (Link(source, target) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == AlreadyExists)
                return false;
            throw new IOException($"cannot move {source} to {target}: link failed with errno {errno}");
        }
        File.Delete(source);
        return true;
    }

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existing, string created);
}
