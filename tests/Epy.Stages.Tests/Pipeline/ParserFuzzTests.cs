using System.IO.Compression;
using System.Text;
using CsCheck;
using Epy.Contracts.Runs;
using Epy.Stages.Configs;
using Epy.Stages.Pipeline;
using Epy.Stages.Storage;
using Epy.Stages.Tests.EndToEnd;

namespace Epy.Stages.Tests.Pipeline;

/// <summary>
/// The stage program's parsers on malformed input: stage configs (YAML) mutated and truncated, task inputs
/// and results corrupted as JSON and as gzip. Every case ends in a clear error — config errors with their
/// line, or a bad-input <see cref="StageException"/> (exit 3) naming the file — never another exception.
/// One builder run (the example, shrunk) gives the valid documents the mutations start from.
/// </summary>
public sealed class ParserFuzzTests(ParserFuzzTests.Built built) : IClassFixture<ParserFuzzTests.Built>
{
    private static readonly long Iterations = Fuzz.Iterations(400);

    /// <summary>The example built once: its config texts and its first task input.</summary>
    public sealed class Built : IDisposable
    {
        private readonly ExampleRun _run = new();

        public Built()
        {
            _run.Stage("builder").ShouldBe(StageExitCodes.Success, _run.Log.ToString());
            var config = Path.Combine(_run.Repo, "experiments", ExampleRun.ExpId, "config");
            Configs = [.. Directory.GetFiles(config).Order(StringComparer.Ordinal).Select(path => (Path.GetFileName(path), File.ReadAllText(path)))];
            InputGz = File.ReadAllBytes(Path.Combine(_run.RunFolder, "builder-artifacts", "input_00000.json.gz"));
            using var gzip = new GZipStream(new MemoryStream(InputGz), CompressionMode.Decompress);
            using var text = new StreamReader(gzip, Encoding.UTF8);
            InputJson = text.ReadToEnd();
        }

        public IReadOnlyList<(string Name, string Text)> Configs { get; }

        public byte[] InputGz { get; }

        public string InputJson { get; }

        public void Dispose() => _run.Dispose();
    }

    [Fact]
    public void ConfigLoaderParse_MalformedYaml_ReportsErrors_NeverThrows()
    {
        Fuzz.Mutants([.. built.Configs.Select(c => c.Text), "a: [1, 2", "? : :\n  - ]", "&a [*a, *a]", "key: !!binary xyz", "\t- tab", "{a: 1, a: 2}"]).Check(yaml =>
        {
            var result = ConfigLoader.Parse(yaml, "fuzz.yml");
            if (!result.IsValid)
                result.Errors.ShouldNotBeEmpty(yaml);
        }, iterations: Iterations);
    }

    [Theory]
    [InlineData("? : :\"\"]")]
    [InlineData("model: [2024-01-01\n  x: 1")]
    public void ConfigLoaderParse_YamlThatYamlDotNetRejectsOddly_IsAMalformedYamlError(string yaml)
    {
        var result = ConfigLoader.Parse(yaml, "fuzz.yml");

        result.Errors.ShouldContain(error => error.Message.StartsWith("malformed YAML", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("? : :\n  \n")]
    [InlineData("? {model: 1}\n: x\n")]
    public void ConfigLoaderParse_ComplexTopLevelKey_IsAnError(string yaml)
    {
        var result = ConfigLoader.Parse(yaml, "fuzz.yml");

        result.IsValid.ShouldBeFalse();
        result.Errors.ShouldNotBeEmpty();
    }

    [Fact]
    public void ExperimentFromFiles_OneMalformedConfig_IsAConfigValidationError()
    {
        var pick = Gen.Int[0, built.Configs.Count - 1];
        Gen.Select(pick, Fuzz.Mutants([.. built.Configs.Select(c => c.Text)])).Check((index, mutated) =>
        {
            var files = built.Configs.Select((c, i) => (c.Name, Encoding.UTF8.GetBytes(i == index ? mutated : c.Text))).ToList();
            try
            {
                ExperimentLoader.FromFiles(ExampleRun.ExpId, "config", files, codebook: null);
            }
            catch (ConfigValidationException invalid)
            {
                invalid.Message.ShouldNotBeNullOrWhiteSpace();
            }
        }, iterations: Iterations / 4);
    }

    [Fact]
    public void RunnerRead_CorruptedTaskInputJson_IsBadInput()
    {
        Fuzz.Mutants(built.InputJson).Check(json =>
        {
            try
            {
                RunnerStage.Read(Encoding.UTF8.GetBytes(json), "input_00000.json.gz", 0);
            }
            catch (StageException bad)
            {
                bad.ExitCode.ShouldBe(StageExitCodes.BadInput);
                bad.Message.ShouldContain("input_00000.json.gz");
            }
        }, iterations: Iterations);
    }

    [Fact]
    public void ReadGz_CorruptedGzip_IsBadInputNamingTheFile()
    {
        var bytes = built.InputGz;
        var corrupt = Gen.Select(Gen.Int[0, 3], Gen.Int[0, bytes.Length - 1], Gen.Byte, (kind, at, value) => kind switch
        {
            0 => bytes[..at],
            1 => [.. bytes[..at], (byte)(bytes[at] ^ (value | 1)), .. bytes[(at + 1)..]],
            2 => [.. bytes[..at], value, .. bytes[at..]],
            _ => Encoding.UTF8.GetBytes(built.InputJson[..Math.Min(at, built.InputJson.Length)]),
        });
        var folder = Directory.CreateTempSubdirectory("epy-fuzz-").FullName;
        var run = new RunFolder(new LocalArtifactStore(folder), new ArtifactPaths("", ExperimentId.Parse("flu"), RunId.Parse("20261124-101500-a1b2c3d4")));
        var path = run.Paths.TaskInput(0);

        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, path))!);
        try
        {
            corrupt.Check(gz => Check(gz), iterations: Iterations / 2, threads: 1);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        void Check(byte[] gz)
        {
            File.WriteAllBytes(Path.Combine(folder, path), gz);
            try
            {
                var json = run.ReadGzAsync(path).GetAwaiter().GetResult();
                // Decompressed (a flip in the header's spare bytes, or trailing bytes): the JSON is read next.
                RunnerStage.Read(json, path, 0);
            }
            catch (StageException bad)
            {
                bad.ExitCode.ShouldBe(StageExitCodes.BadInput);
                bad.Message.ShouldContain(path);
            }
        }
    }

    [Fact]
    public void Deserialize_CorruptedTaskResult_IsBadInput()
    {
        const string result = """{"schema_version":2,"task_index":0,"kind":"calibration","location":"US-MA","seed":42,"sample_row":null,"calibration":{"generations":[]},"projection":{"dates":["2024-10-05"],"trajectories":[[1,2,3]]},"elapsed_seconds":1.5}""";

        Fuzz.Mutants(result).Check(json =>
        {
            try
            {
                RunFolder.Deserialize(Encoding.UTF8.GetBytes(json), "result_00000.json.gz", PipelineJsonContext.Default.TaskResult);
            }
            catch (StageException bad)
            {
                bad.ExitCode.ShouldBe(StageExitCodes.BadInput);
            }
        }, iterations: Iterations);
    }
}
