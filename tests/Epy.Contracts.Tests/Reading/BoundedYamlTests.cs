using System.Text;
using Epy.Contracts.Reading;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Epy.Contracts.Tests.Reading;

/// <summary>
/// The one YAML reader of the product (issue 19): nesting past <see cref="InputLimits.MaxYamlDepth"/>, an alias
/// bomb and a file past <see cref="InputLimits.MaxYamlBytes"/> are <see cref="YamlException"/>s at their place,
/// never a stack overflow or an exhausted memory; documents within the bounds read as YamlDotNet reads them.
/// </summary>
public sealed class BoundedYamlTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("epy-bounded-yaml-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    [InlineData("- ", "")]
    public void Load_Nested20000Deep_IsAYamlException_AtTheLevelPastTheBound(string open, string close)
    {
        var yaml = string.Concat(Enumerable.Repeat(open, 20_000)) + "x" + string.Concat(Enumerable.Repeat(close, 20_000));

        var error = Should.Throw<YamlException>(() => BoundedYaml.Load(new StringReader(yaml)));

        error.Message.ShouldContain($"nested deeper than {InputLimits.MaxYamlDepth} levels");
        error.Start.Line.ShouldBe(1);
        error.Start.Column.ShouldBe((InputLimits.MaxYamlDepth * open.Length) + 1);
    }

    [Fact]
    public void Load_AtTheDepthBound_Reads()
    {
        var yaml = new string('[', InputLimits.MaxYamlDepth) + new string(']', InputLimits.MaxYamlDepth);

        var stream = BoundedYaml.Load(new StringReader(yaml));

        stream.Documents.Single().RootNode.ShouldBeOfType<YamlSequenceNode>();
    }

    [Fact]
    public void Load_AliasBomb_IsRefused_WhileRead()
    {
        var yaml = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i <= 9; i++)
            yaml.Append(System.Globalization.CultureInfo.InvariantCulture, $"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");

        var error = Should.Throw<YamlException>(() => BoundedYaml.Load(new StringReader(yaml.ToString())));

        error.Message.ShouldContain("aliases counted as what they repeat");
    }

    [Fact]
    public void Load_AFewAliases_Read()
    {
        var stream = BoundedYaml.Load(new StringReader("base: &b {x: 1}\none: *b\ntwo: *b\n"));

        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        root.Children[new YamlScalarNode("two")].ShouldBeOfType<YamlMappingNode>();
    }

    [Fact]
    public void LoadFile_LargerThanTheBound_IsRefused_BeforeParsing()
    {
        var path = Path.Combine(_folder, "big.yaml");
        File.WriteAllText(path, "a: " + new string('x', (int)InputLimits.MaxYamlBytes));

        var error = Should.Throw<YamlException>(() => BoundedYaml.LoadFile(path));

        error.Message.ShouldContain("the most a YAML file may be");
    }

    [Fact]
    public void ReadAllBytes_AnEndlessDevice_StopsAtTheBound()
    {
        if (!File.Exists("/dev/zero"))
            return;

        BoundedFile.ReadAllBytes("/dev/zero", 1024 * 1024).ShouldBeNull();
    }
}
