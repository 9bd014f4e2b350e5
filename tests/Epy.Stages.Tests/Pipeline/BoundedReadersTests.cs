using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Epy.Contracts.Reading;
using Epy.Contracts.Runs;
using Epy.Stages.Configs;
using Epy.Stages.Outputs.Hub;
using Epy.Stages.Pipeline;
using Epy.Stages.Storage;
using Epy.Stages.Tests.EndToEnd;

namespace Epy.Stages.Tests.Pipeline;

/// <summary>
/// Issue 19, bounded readers: a YAML nested 20,000 deep, an alias bomb, a gzip input that decompresses past
/// its bound. Each is bad input (exit 3) naming the file, never a stack overflow (exit 134) or a retried exit 4.
/// </summary>
public sealed class BoundedReadersTests : IDisposable
{
    private const int Deep = 20_000;

    private readonly ExampleRun _run = new();

    public void Dispose() => _run.Dispose();

    /// <summary>A flow sequence nested <paramref name="depth"/> deep.</summary>
    public static string NestedFlow(int depth) => new string('[', depth) + new string(']', depth);

    /// <summary>Block sequences nested <paramref name="depth"/> deep on one line (<c>- - - x</c>).</summary>
    public static string NestedBlock(int depth) => string.Concat(Enumerable.Repeat("- ", depth)) + "x\n";

    /// <summary>"Billion laughs": ten anchors, each a list of ten aliases of the one before.</summary>
    public static string AliasBomb()
    {
        var yaml = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i <= 9; i++)
            yaml.Append(System.Globalization.CultureInfo.InvariantCulture, $"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        return yaml.ToString();
    }

    [Theory]
    [InlineData("flow")]
    [InlineData("block")]
    [InlineData("mapping")]
    public void ConfigLoaderParse_Nested20000Deep_IsAMalformedYamlError(string style)
    {
        var yaml = style switch
        {
            "flow" => "model: " + NestedFlow(Deep),
            "block" => NestedBlock(Deep),
            _ => new string('{', Deep) + new string('}', Deep),
        };

        var result = ConfigLoader.Parse(yaml, "deep.yml");

        result.IsValid.ShouldBeFalse();
        result.Errors.ShouldContain(e => e.File == "deep.yml" && e.Field == "(yaml)" && e.Message.Contains($"nested deeper than {InputLimits.MaxYamlDepth} levels", StringComparison.Ordinal));
    }

    [Fact]
    public void ConfigLoaderParse_AliasBomb_IsRefusedWhileRead()
    {
        var result = ConfigLoader.Parse(AliasBomb(), "laughs.yml");

        result.Errors.ShouldContain(e => e.Message.Contains("aliases counted as what they repeat", StringComparison.Ordinal));
    }

    [Fact]
    public void ConfigLoaderParse_ConfigWithinTheBounds_StillReads()
    {
        var result = ConfigLoader.Parse("model: " + NestedFlow(InputLimits.MaxYamlDepth - 1), "shallow.yml");

        result.Errors.ShouldNotContain(e => e.Field == "(yaml)");
    }

    [Fact]
    public void HubConfigReader_ValidationsNested20000Deep_IsAFormatError()
    {
        const string Tasks = """{"schema_version": "v4", "rounds": []}""";

        var error = Should.Throw<FormatException>(() => HubConfigReader.Parse(Tasks, "checks: " + NestedFlow(Deep)));

        error.Message.ShouldContain("validations.yml");
        error.Message.ShouldContain("nested deeper than");
    }

    [Fact]
    public void Builder_ConfigNested20000Deep_ExitsThree_NamingTheFile()
    {
        _run.EditConfig("output.yaml", _ => "output: " + NestedFlow(Deep));

        _run.Stage("builder").ShouldBe(StageExitCodes.BadInput);

        _run.Log.ToString().ShouldContain("output.yaml:1:");
        _run.Log.ToString().ShouldContain("nested deeper than");
        Directory.Exists(_run.RunFolder).ShouldBeFalse();
    }

    [Fact]
    public void Builder_ConfigLargerThanTheBound_ExitsThree_NamingTheFile()
    {
        _run.EditConfig("output.yaml", text => text + "\n#" + new string(' ', (int)InputLimits.MaxYamlBytes));

        _run.Stage("builder").ShouldBe(StageExitCodes.BadInput);

        _run.Log.ToString().ShouldContain("output.yaml");
        _run.Log.ToString().ShouldContain("the most a config file may be");
    }

    [Fact]
    public void Validate_ConfigNested20000Deep_IsInvalid_ExitThree()
    {
        _run.EditConfig("basemodel.yml", _ => NestedBlock(Deep));
        var env = new Dictionary<string, string?> { ["FORECAST_REPO_DIR"] = _run.Repo, ["EXP_ID"] = ExampleRun.ExpId, ["EPYDEMIX_DATA_DIR"] = TestData.EpydemixDataRoot };
        using var output = new StringWriter();
        using var log = new StringWriter();

        var exit = BuilderStage.RunValidate(name => env.GetValueOrDefault(name), output, log);

        exit.ShouldBe(StageExitCodes.BadInput);
        output.ToString().ShouldContain("nested deeper than");
    }

    [Fact]
    public void Runner_TaskInputWhoseConfigIsNested20000Deep_ExitsThree_NamingTheInput()
    {
        _run.Stage("builder").ShouldBe(StageExitCodes.Success, _run.Log.ToString());
        RewriteInput(input =>
        {
            var config = input["configs"]!.AsArray().First(c => (string?)c!["name"] == "basemodel.yml")!;
            var text = "model: " + NestedFlow(Deep);
            config["text"] = text;
            config["sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
            return Encoding.UTF8.GetBytes(input.ToJsonString());
        });

        _run.Stage("runner", taskIndex: 0).ShouldBe(StageExitCodes.BadInput);

        _run.Log.ToString().ShouldContain("basemodel.yml:1:");
        _run.Log.ToString().ShouldContain("nested deeper than");
    }

    [Fact]
    public void Runner_TaskInputDecompressingPastItsBound_ExitsThree_NamingTheInput()
    {
        _run.Stage("builder").ShouldBe(StageExitCodes.Success, _run.Log.ToString());
        // A valid input padded with whitespace: read whole before the bound, it would be accepted at any size.
        RewriteInput(input =>
        {
            var json = Encoding.UTF8.GetBytes(input.ToJsonString());
            var padded = new byte[InputLimits.MaxTaskInputBytes + 1];
            padded.AsSpan().Fill((byte)' ');
            json.CopyTo(padded, 0);
            return padded;
        });

        _run.Stage("runner", taskIndex: 0).ShouldBe(StageExitCodes.BadInput);

        _run.Log.ToString().ShouldContain("input_00000.json.gz decompresses to more than 64 MiB");
    }

    [Fact]
    public async Task RunFolderReadGz_BombPastTheBound_IsBadInput_NamingTheObject()
    {
        var store = new LocalArtifactStore(_run.Artifacts);
        var folder = new RunFolder(store, new ArtifactPaths(string.Empty, ExperimentId.Parse(ExampleRun.ExpId), RunId.Parse(ExampleRun.RunId)));
        await folder.WriteAsync("bomb.json.gz", Gzip(new byte[1024 * 1024]));

        var error = await Should.ThrowAsync<StageException>(() => folder.ReadGzAsync("bomb.json.gz", maxBytes: 1024));

        error.ExitCode.ShouldBe(StageExitCodes.BadInput);
        error.Message.ShouldStartWith("bomb.json.gz decompresses to more than");
    }

    private void RewriteInput(Func<JsonObject, byte[]> rewrite)
    {
        var path = Path.Combine(_run.RunFolder, "builder-artifacts", "input_00000.json.gz");
        JsonObject input;
        using (var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress))
            input = JsonNode.Parse(gzip)!.AsObject();
        File.WriteAllBytes(path, Gzip(rewrite(input)));
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(bytes);
        return buffer.ToArray();
    }
}
