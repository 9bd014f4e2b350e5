using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using CsCheck;
using Epy.Contracts.Reading;
using Epy.Contracts.Runs;
using Epy.Stages.Tests.EndToEnd;

namespace Epy.Stages.Tests.Pipeline;

/// <summary>
/// Issue 19: the stage program itself (not only its parsers, see <see cref="ParserFuzzTests"/>) on mutated inputs:
/// configs (YAML, with deep nesting, alias bombs and long scalars among the mutations), the observed data (CSV),
/// and task inputs (JSON inside gzip, with bombs). Every case exits 0 or 3 (never 4, which Batch would retry, nor a
/// crash), within <see cref="MaxSeconds"/> and allocating under <see cref="MaxAllocatedBytes"/>.
/// </summary>
public sealed class StageInputFuzzTests(StageInputFuzzTests.Example example) : IClassFixture<StageInputFuzzTests.Example>
{
    private const double MaxSeconds = 60;

    // Allocation, not peak memory: the test host cannot measure one task's peak; a case that reads past a bound allocates past this.
    private const long MaxAllocatedBytes = 2L * 1024 * 1024 * 1024;

    private static readonly long Iterations = Fuzz.Iterations(30);

    /// <summary>The example repository, built once: the valid documents the mutations start from.</summary>
    public sealed class Example : IDisposable
    {
        public Example()
        {
            Run.Stage("builder").ShouldBe(StageExitCodes.Success, Run.Log.ToString());
            InputGz = File.ReadAllBytes(InputPath);
            using var gzip = new GZipStream(new MemoryStream(InputGz), CompressionMode.Decompress);
            using var text = new StreamReader(gzip, Encoding.UTF8);
            InputJson = text.ReadToEnd();
            Configs = [.. new[] { "basemodel.yml", "modelset.yml", "output.yaml" }.Select(name => (name, File.ReadAllText(ConfigPath(name))))];
            ObservedCsv = File.ReadAllText(ObservedPath);
        }

        public ExampleRun Run { get; } = new();

        public byte[] InputGz { get; }

        public string InputJson { get; }

        public IReadOnlyList<(string Name, string Text)> Configs { get; }

        public string ObservedCsv { get; }

        public string InputPath => Path.Combine(Run.RunFolder, "builder-artifacts", "input_00000.json.gz");

        public string ObservedPath => Path.Combine(Run.Repo, "data", "flu_hosp_24.csv");

        public string ConfigPath(string name) => Path.Combine(Run.Repo, "experiments", ExampleRun.ExpId, "config", name);

        public void Dispose() => Run.Dispose();
    }

    /// <summary>YAML that once crashed or exhausted a reader, besides the mutations.</summary>
    private static Gen<string> HostileYaml(string valid) => Gen.OneOf(
        Gen.Int[1, 30_000].Select(depth => valid + "\nextra: " + new string('[', depth) + new string(']', depth)),
        Gen.Const(BoundedReadersTests.AliasBomb()),
        Gen.Int[1, 20_000].Select(depth => BoundedReadersTests.NestedBlock(depth)),
        Gen.Int[1, 1_000_000].Select(length => valid.Replace(": ", ": " + new string('x', length) + " ", StringComparison.Ordinal)));

    [Fact]
    public void Builder_MutatedConfig_ExitsZeroOrThree_WithinBounds()
    {
        var configs = example.Configs;
        var cases = Gen.Int[0, configs.Count - 1].SelectMany(i => Gen.Frequency(
            (4, Fuzz.Mutants(configs[i].Text)),
            (1, HostileYaml(configs[i].Text))).Select(text => (configs[i].Name, text)));

        cases.Check((name, text) =>
        {
            // Encoding.UTF8 writes a lone surrogate as U+FFFD (File.WriteAllText would throw).
            File.WriteAllBytes(example.ConfigPath(name), Encoding.UTF8.GetBytes(text));
            try
            {
                AssertBounded("builder", taskIndex: null);
            }
            finally
            {
                File.WriteAllText(example.ConfigPath(name), configs.First(c => c.Name == name).Text);
                DeleteBuild();
            }
        }, iterations: Iterations, threads: 1);
    }

    [Fact]
    public void Builder_MutatedObservedData_ExitsZeroOrThree_WithinBounds()
    {
        var valid = example.ObservedCsv;
        var cases = Gen.Frequency(
            (4, Fuzz.Mutants(valid)),
            (1, Gen.OneOf(
                Gen.Int[1, 1_000_000].Select(n => valid + new string(',', n) + "\n"),
                Gen.Int[1, 100_000].Select(n => string.Join(",", Enumerable.Range(0, n)) + "\n" + valid),
                Gen.Const(valid.Replace(',', '\0')),
                Gen.Const("\"" + valid))));

        cases.Check(csv =>
        {
            File.WriteAllBytes(example.ObservedPath, Encoding.UTF8.GetBytes(csv));
            try
            {
                AssertBounded("builder", taskIndex: null);
            }
            finally
            {
                File.WriteAllText(example.ObservedPath, valid);
                DeleteBuild();
            }
        }, iterations: Iterations, threads: 1);
    }

    [Fact]
    public void Runner_MutatedTaskInput_ExitsZeroOrThree_WithinBounds()
    {
        var gz = EnsureBuilt();
        var cases = Gen.Frequency(
            (2, Fuzz.Mutants(example.InputJson).Select(json => Gzip(Encoding.UTF8.GetBytes(json)))),
            (2, Gen.Select(Gen.Int[0, 2], Gen.Int[0, gz.Length - 1], Gen.Byte, (kind, at, value) => kind switch
            {
                0 => gz[..at],
                1 => [.. gz[..at], (byte)(gz[at] ^ (value | 1)), .. gz[(at + 1)..]],
                _ => [.. gz[..at], value, .. gz[at..]],
            })),
            (1, Gen.OneOf(
                Gen.Const(Gzip(new byte[InputLimits.MaxTaskInputBytes + 1])),
                Gen.Int[1, 100_000].Select(depth => Gzip(Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth)))))));

        // Only the runner's input changes: the build stays.
        cases.Check(input =>
        {
            File.WriteAllBytes(example.InputPath, input);
            try
            {
                AssertBounded("runner", taskIndex: 0);
            }
            finally
            {
                File.WriteAllBytes(example.InputPath, gz);
                var result = Path.Combine(example.Run.RunFolder, "runner-artifacts");
                if (Directory.Exists(result))
                    Directory.Delete(result, recursive: true);
            }
        }, iterations: Iterations / 2, threads: 1);
    }

    private void AssertBounded(string stage, int? taskIndex)
    {
        var log = example.Run.Log;
        log.GetStringBuilder().Clear();
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        var clock = Stopwatch.StartNew();

        var exit = example.Run.Stage(stage, taskIndex);

        clock.Elapsed.TotalSeconds.ShouldBeLessThan(MaxSeconds, log.ToString());
        (GC.GetTotalAllocatedBytes(precise: false) - allocated).ShouldBeLessThan(MaxAllocatedBytes, log.ToString());
        new[] { StageExitCodes.Success, StageExitCodes.BadInput }.ShouldContain(exit, log.ToString());
    }

    // Removes what a build wrote: the next case builds into an empty run folder.
    private void DeleteBuild()
    {
        if (Directory.Exists(example.Run.RunFolder))
            Directory.Delete(example.Run.RunFolder, recursive: true);
    }

    // The example's build, made again when a builder case removed it; returns its task input.
    private byte[] EnsureBuilt()
    {
        if (!File.Exists(Path.Combine(example.Run.RunFolder, "builder-artifacts", "manifest.json")))
        {
            DeleteBuild();
            example.Run.Stage("builder").ShouldBe(StageExitCodes.Success, example.Run.Log.ToString());
        }
        return File.ReadAllBytes(example.InputPath);
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(bytes);
        return buffer.ToArray();
    }
}
