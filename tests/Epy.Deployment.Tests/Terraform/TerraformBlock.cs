using System.Text.Json.Nodes;

namespace Epy.Deployment.Tests.Terraform;

/// <summary>One <c>resource</c> or <c>data</c> block: its type, name, body (as hcl2json renders it) and file.</summary>
public sealed record TerraformBlock(string Type, string Name, JsonObject Body, string File)
{
    /// <summary>How Terraform expressions name it: <c>type.name</c>.</summary>
    public string Address => $"{Type}.{Name}";

    /// <summary>The reference to its attribute <paramref name="attribute"/> as it appears inside an expression.</summary>
    public string Ref(string attribute) => $"{Type}.{Name}.{attribute}";

    /// <summary>The text of attribute <paramref name="name"/> (an expression reads <c>${...}</c>), or null.</summary>
    public string? Text(string name) => Hcl.Text(Body[name]);

    /// <summary>The single nested block <paramref name="name"/>.</summary>
    public JsonObject Block(string name) => Hcl.Block(Body, name);

    /// <summary>Nested blocks <paramref name="name"/> (none when absent).</summary>
    public IReadOnlyList<JsonObject> Blocks(string name) => Hcl.Blocks(Body, name);

    /// <inheritdoc />
    public override string ToString() => Address;
}
