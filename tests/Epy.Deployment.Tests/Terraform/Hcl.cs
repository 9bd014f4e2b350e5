using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Epy.Deployment.Tests.Terraform;

/// <summary>Reading hcl2json's rendering: blocks are arrays of objects, expressions are <c>${...}</c> strings.</summary>
public static partial class Hcl
{
    /// <summary>The text of a value: a string as it is (an expression reads <c>${...}</c>), other values as JSON.</summary>
    public static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    /// <summary>The single nested block <paramref name="name"/> of <paramref name="body"/>.</summary>
    public static JsonObject Block(JsonObject body, string name)
    {
        var blocks = Blocks(body, name);
        blocks.Count.ShouldBe(1, $"one '{name}' block expected in {body.ToJsonString()[..Math.Min(200, body.ToJsonString().Length)]}");
        return blocks[0];
    }

    /// <summary>Nested blocks <paramref name="name"/> of <paramref name="body"/> (none when absent).</summary>
    public static IReadOnlyList<JsonObject> Blocks(JsonObject body, string name) =>
        body[name] is JsonArray array ? [.. array.Select(item => item!.AsObject())] : [];

    /// <summary>Every string anywhere inside <paramref name="node"/>.</summary>
    public static IEnumerable<string> Strings(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    yield return key;
                    foreach (var text in Strings(value))
                        yield return text;
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var text in Strings(item))
                        yield return text;
                }
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                yield return value.GetValue<string>();
                break;
        }
    }

    /// <summary>The names of variables referenced in <paramref name="text"/> (<c>var.NAME</c>).</summary>
    public static IEnumerable<string> VariableReferences(string text) =>
        VarReference().Matches(text).Select(match => match.Groups[1].Value);

    /// <summary>The quoted strings inside an expression such as <c>${toset(["a", "b"])}</c>.</summary>
    public static IReadOnlyList<string> QuotedStrings(string expression) =>
        [.. Quoted().Matches(expression).Select(match => match.Groups[1].Value)];

    [GeneratedRegex(@"(?<![A-Za-z0-9_.])var\.([A-Za-z_][A-Za-z0-9_-]*)")]
    private static partial Regex VarReference();

    [GeneratedRegex("\"([^\"]*)\"")]
    private static partial Regex Quoted();
}
