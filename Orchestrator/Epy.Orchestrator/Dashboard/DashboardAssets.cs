using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Epy.Orchestrator.Dashboard;

/// <summary>
/// The dashboard's static files (<c>Dashboard/wwwroot/*</c>, committed as source, embedded in the
/// assembly): served from memory at <c>/dashboard/{name}</c>, so the service needs no content root.
/// </summary>
public static class DashboardAssets
{
    private static readonly Dictionary<string, (byte[] Bytes, string ContentType)> Files = Load();

    /// <summary>The version that busts caches when the files change: the assembly's build.</summary>
    private static readonly string Version = Uri.EscapeDataString(typeof(DashboardAssets).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12]);

    /// <summary>The URL of asset <paramref name="name"/>.</summary>
    public static string Path(string name) => $"/dashboard/{name}?v={Version}";

    /// <summary>Serves asset <paramref name="name"/>, or 404.</summary>
    public static Results<FileContentHttpResult, NotFound> Serve(string name, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!Files.TryGetValue(name, out var file))
            return TypedResults.NotFound();
        http.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.Bytes(file.Bytes, file.ContentType);
    }

    private static Dictionary<string, (byte[], string)> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        const string prefix = "Epy.Orchestrator.Dashboard.wwwroot.";
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource[prefix.Length..];
            var type = name.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8"
                : name.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript; charset=utf-8"
                : "application/octet-stream";
            files[name] = (copy.ToArray(), type);
        }
        return files;
    }
}
