using System.Text.Json.Nodes;
using Epy.Testing;

namespace Epy.Deployment.Tests.Terraform;

/// <summary>Every <c>terraform/*.tf</c> file, parsed once for all tests.</summary>
public sealed class TerraformConfig
{
    private static readonly Lazy<TerraformConfig> Parsed = new(() => new TerraformConfig(HclToJson.ParseFolder(Folder)));

    private TerraformConfig(IReadOnlyDictionary<string, JsonObject> files)
    {
        Files = files;
        Resources = [.. Blocks("resource")];
        DataSources = [.. Blocks("data")];
        Variables = Named("variable");
        Outputs = Named("output");
        var locals = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var file in files.Values)
        {
            foreach (var block in Hcl.Blocks(file, "locals"))
            {
                foreach (var (name, value) in block)
                    locals.Add(name, value);
            }
        }
        Locals = locals;
    }

    /// <summary>The repository's <c>terraform/</c> folder.</summary>
    public static string Folder => Path.Combine(TestData.RepositoryRoot, "terraform");

    /// <summary>The configuration (parsed on first use).</summary>
    public static TerraformConfig Current => Parsed.Value;

    /// <summary>Each file by name.</summary>
    public IReadOnlyDictionary<string, JsonObject> Files { get; }

    /// <summary>Every resource block.</summary>
    public IReadOnlyList<TerraformBlock> Resources { get; }

    /// <summary>Every data block.</summary>
    public IReadOnlyList<TerraformBlock> DataSources { get; }

    /// <summary>Variable declarations by name.</summary>
    public IReadOnlyDictionary<string, JsonObject> Variables { get; }

    /// <summary>Outputs by name.</summary>
    public IReadOnlyDictionary<string, JsonObject> Outputs { get; }

    /// <summary>Every local value by name.</summary>
    public IReadOnlyDictionary<string, JsonNode?> Locals { get; }

    /// <summary>The resources of <paramref name="type"/>.</summary>
    public IReadOnlyList<TerraformBlock> OfType(string type) => [.. Resources.Where(resource => resource.Type == type)];

    /// <summary>Resource <paramref name="type"/>.<paramref name="name"/>.</summary>
    public TerraformBlock Resource(string type, string name) =>
        Resources.SingleOrDefault(resource => resource.Type == type && resource.Name == name)
        ?? throw new ShouldAssertException($"no resource {type}.{name} in terraform/");

    /// <summary>The local value <paramref name="name"/> as an object (a literal map).</summary>
    public JsonObject LocalObject(string name) =>
        Locals.TryGetValue(name, out var value) && value is JsonObject map ? map : throw new ShouldAssertException($"local.{name} must be a literal map");

    private IEnumerable<TerraformBlock> Blocks(string kind)
    {
        foreach (var (file, body) in Files)
        {
            if (body[kind] is not JsonObject types)
                continue;
            foreach (var (type, named) in types)
            {
                foreach (var (name, blocks) in named!.AsObject())
                {
                    foreach (var block in blocks!.AsArray())
                        yield return new TerraformBlock(type, name, block!.AsObject(), file);
                }
            }
        }
    }

    private Dictionary<string, JsonObject> Named(string kind)
    {
        var named = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var body in Files.Values)
        {
            if (body[kind] is not JsonObject declarations)
                continue;
            foreach (var (name, blocks) in declarations)
                named.Add(name, blocks!.AsArray().Single()!.AsObject());
        }
        return named;
    }
}
