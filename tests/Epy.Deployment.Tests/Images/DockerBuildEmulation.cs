using System.Diagnostics;
using System.Text;
using Epy.Testing;

namespace Epy.Deployment.Tests.Images;

/// <summary>
/// Carries out a Dockerfile's build stage on this machine, as the image build would: its COPY lines
/// from the build context (the repository less <c>.dockerignore</c>) and its RUN lines (which must be
/// <c>dotnet</c> commands), with every absolute container path mapped under a temporary root. Then
/// lays out the final stage's files (its COPY lines) under <c>{root}/image</c>, so what the entrypoint
/// runs can be run. No container runtime needed.
/// </summary>
public sealed class DockerBuildEmulation : IDisposable
{
    private readonly Dockerfile _file;
    private readonly StringBuilder _log = new();

    /// <summary>Prepares to build <paramref name="file"/> under a fresh temporary folder.</summary>
    public DockerBuildEmulation(Dockerfile file)
    {
        _file = file;
        Root = Directory.CreateTempSubdirectory("epy-docker-").FullName;
    }

    /// <summary>The temporary root standing for the containers' <c>/</c>.</summary>
    public string Root { get; }

    /// <summary>Where the final stage's files are laid out: the image's <c>/</c>.</summary>
    public string ImageRoot => Path.Combine(Root, "image");

    /// <summary>What the RUN commands printed.</summary>
    public string Log => _log.ToString();

    /// <summary>The RUN commands carried out, as written in the Dockerfile.</summary>
    public List<string> Commands { get; } = [];

    /// <summary>The host path standing for container path <paramref name="path"/> in the build stages.</summary>
    public string Host(string path) => Path.Combine(Root, path.TrimStart('/'));

    /// <summary>The host path standing for <paramref name="path"/> inside the final image.</summary>
    public string InImage(string path) => Path.Combine(ImageRoot, path.TrimStart('/'));

    /// <summary>Runs every stage but the last, then lays out the last one's copied files.</summary>
    public void Build(TimeSpan commandTimeout)
    {
        foreach (var stage in _file.Stages.Take(_file.Stages.Count - 1))
            RunStage(stage, commandTimeout);
        LayOutImage();
    }

    private void RunStage(string stage, TimeSpan commandTimeout)
    {
        var workdir = "/";
        foreach (var instruction in _file.Of(stage))
        {
            switch (instruction.Keyword)
            {
                case "FROM" or "ENV" or "ARG":
                    break;
                case "WORKDIR":
                    workdir = instruction.Arguments;
                    Directory.CreateDirectory(Host(workdir));
                    break;
                case "COPY":
                    instruction.Arguments.ShouldNotContain("--from", customMessage: $"{_file.Name}: a build stage copying from another stage; teach DockerBuildEmulation");
                    CopyFromContext(instruction.Arguments, Host(workdir), Host);
                    break;
                case "RUN":
                    RunDotnet(instruction.Arguments, Host(workdir), commandTimeout);
                    break;
                default:
                    throw new ShouldAssertException($"{_file.Name}: {instruction.Keyword} in a build stage; teach DockerBuildEmulation");
            }
        }
    }

    private void LayOutImage()
    {
        var workdir = "/";
        foreach (var instruction in _file.Of(_file.FinalStage))
        {
            if (instruction.Keyword == "WORKDIR")
                workdir = instruction.Arguments;
            if (instruction.Keyword != "COPY")
                continue;
            var parts = instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts[0].StartsWith("--from=", StringComparison.Ordinal))
            {
                parts.Length.ShouldBe(3, $"{_file.Name}: COPY --from with one source expected");
                var source = Host(parts[1]);
                Directory.Exists(source).ShouldBeTrue($"{_file.Name}: the build made no {parts[1]}");
                Directory.EnumerateFileSystemEntries(source).ShouldNotBeEmpty($"{_file.Name}: {parts[1]} is empty");
                CopyDirectory(source, Target(parts[2], workdir), _ => false);
            }
            else
            {
                CopyFromContext(instruction.Arguments, InImage(workdir), InImage);
            }
        }
    }

    private string Target(string destination, string workdir) =>
        destination.StartsWith('/') ? InImage(destination) : Path.Combine(InImage(workdir), destination);

    private static void CopyFromContext(string arguments, string workdir, Func<string, string> map)
    {
        var parts = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var destination = parts[^1];
        var target = destination.StartsWith('/') ? map(destination) : Path.GetFullPath(Path.Combine(workdir, destination));
        var ignore = DockerIgnore.Read();
        foreach (var source in parts[..^1])
        {
            var relative = source.TrimEnd('/');
            var full = relative == "." ? TestData.RepositoryRoot : Path.Combine(TestData.RepositoryRoot, relative);
            if (Directory.Exists(full))
            {
                CopyDirectory(full, target, path => ignore.Excludes(Path.GetRelativePath(TestData.RepositoryRoot, path).Replace('\\', '/')));
            }
            else
            {
                File.Exists(full).ShouldBeTrue($"COPY {source}: not in the build context");
                ignore.Excludes(relative).ShouldBeFalse($"COPY {source}: .dockerignore leaves it out of the build context");
                var file = destination.EndsWith('/') || parts.Length > 2 ? Path.Combine(target, Path.GetFileName(full)) : target;
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.Copy(full, file, overwrite: true);
            }
        }
    }

    private static void CopyDirectory(string source, string target, Func<string, bool> excluded)
    {
        Directory.CreateDirectory(target);
        foreach (var entry in Directory.EnumerateFileSystemEntries(source))
        {
            if (excluded(entry))
                continue;
            var destination = Path.Combine(target, Path.GetFileName(entry));
            if (Directory.Exists(entry))
                CopyDirectory(entry, destination, excluded);
            else
                File.Copy(entry, destination, overwrite: true);
        }
    }

    private void RunDotnet(string command, string workdir, TimeSpan timeout)
    {
        command.ShouldStartWith("dotnet ", customMessage: "a build stage's RUN lines must be dotnet commands here: teach DockerBuildEmulation any other");
        Commands.Add(command);
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workdir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var token in command.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1))
            start.ArgumentList.Add(token.StartsWith('/') ? Host(token) : token);
        // No build servers or reused nodes outliving the command (they would hold its output open).
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new ShouldAssertException($"RUN {command} took more than {timeout}");
        }
        _log.AppendLine($"$ {command}").AppendLine(output.Result).AppendLine(errors.Result);
        process.ExitCode.ShouldBe(0, $"RUN {command} failed:\n{output.Result}\n{errors.Result}");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }
}
