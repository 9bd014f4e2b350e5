namespace Epy.Orchestrator.Local;

/// <summary>Finds the stage program to start as child processes.</summary>
public static class StageProgramLocator
{
    /// <summary>
    /// <c>EPY_STAGE_COMMAND</c> (a command line, split on spaces) if set; else <c>dotnet {dir}/stage/epy-stage.dll</c>
    /// beside this program, where the build copies it.
    /// </summary>
    public static IReadOnlyList<string> Find()
    {
        if (System.Environment.GetEnvironmentVariable("EPY_STAGE_COMMAND") is { Length: > 0 } command)
            return command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var dll = Path.Combine(AppContext.BaseDirectory, "stage", "epy-stage.dll");
        if (!File.Exists(dll))
            throw new FileNotFoundException($"the stage program is not at {dll}; build the solution, or set EPY_STAGE_COMMAND", dll);
        return ["dotnet", dll];
    }
}
