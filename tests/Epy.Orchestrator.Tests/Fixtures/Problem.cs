using System.Net;
using System.Text.Json;

namespace Epy.Orchestrator.Tests.Fixtures;

/// <summary>An RFC 7807 problem as the API answers it: <c>application/problem+json</c> with status, title, detail and, for validation, errors by field.</summary>
public sealed record Problem(int Status, string Title, string Detail, IReadOnlyDictionary<string, string[]> Errors, string Body)
{
    /// <summary>Reads the response as a problem, checking its status code and media type.</summary>
    public static async Task<Problem> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", body);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        root.GetProperty("status").GetInt32().ShouldBe((int)expected, body);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (root.TryGetProperty("errors", out var byField))
        {
            foreach (var field in byField.EnumerateObject())
                errors[field.Name] = [.. field.Value.EnumerateArray().Select(e => e.GetString() ?? "")];
        }
        return new Problem(
            (int)expected,
            root.TryGetProperty("title", out var title) ? title.GetString() ?? "" : "",
            root.TryGetProperty("detail", out var detail) ? detail.GetString() ?? "" : "",
            errors,
            body);
    }
}
