using System.Globalization;

namespace Epy.Engine.Demography;

/// <summary>
/// A pinned download of epydemix-data, cached on disk: fetches the files one location needs (the age
/// distribution and the four standard contact layers) from
/// <c>{baseUri}{version}/data/{location}/...</c> into <c>{cacheDirectory}/{version}/data/{location}/...</c>,
/// once, and returns a data root for <see cref="EpydemixData.Load"/>. Files are written atomically
/// (a temporary file in the same folder, checked, then renamed), so a crash or a bad response never
/// leaves a partial or invalid file in the cache. A cached file is never fetched again: pin
/// <c>version</c> to a commit so that what is cached is what a new download would give.
/// </summary>
public sealed class EpydemixDataSource
{
    /// <summary>Where epydemix-data is served raw, by git ref: <c>https://raw.githubusercontent.com/epistorm/epydemix-data/</c>.</summary>
    public static readonly Uri DefaultBaseUri = new("https://raw.githubusercontent.com/epistorm/epydemix-data/");

    /// <summary>
    /// The git ref used when none is configured. <c>main</c> moves; deployments should pin a commit
    /// (or a release tag) so that every run reads the same data.
    /// </summary>
    public const string DefaultVersion = "main";

    private readonly HttpClient _http;
    private readonly string _cacheDirectory;
    private readonly Uri _baseUri;
    private readonly string _version;

    /// <summary>Creates a source that downloads with <paramref name="http"/> into <paramref name="cacheDirectory"/>.</summary>
    /// <param name="http">The client to download with (owned by the caller).</param>
    /// <param name="cacheDirectory">The cache folder; created on first download.</param>
    /// <param name="baseUri">An absolute http(s) URI under which <c>{version}/data/...</c> is served, e.g. <see cref="DefaultBaseUri"/>.</param>
    /// <param name="version">The git ref: a commit, tag or branch; letters, digits, '_', '-' and '.' only.</param>
    /// <exception cref="ArgumentException">The base URI is not absolute http(s), or the version is not a plain name.</exception>
    public EpydemixDataSource(HttpClient http, string cacheDirectory, Uri baseUri, string version)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrWhiteSpace(cacheDirectory);
        ArgumentNullException.ThrowIfNull(baseUri);
        if (!baseUri.IsAbsoluteUri || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"must be an absolute http or https URI, got '{baseUri}'", nameof(baseUri));
        if (!EpydemixLayout.IsPlainName(version))
            throw new ArgumentException($"'{version}' is not a plain git ref: use only letters, digits, '_', '-' and '.'", nameof(version));
        _http = http;
        _cacheDirectory = cacheDirectory;
        _baseUri = baseUri.AbsoluteUri.EndsWith('/') ? baseUri : new Uri(baseUri.AbsoluteUri + "/");
        _version = version;
    }

    /// <summary>The data root of this version: <c>{cacheDirectory}/{version}</c>.</summary>
    public string DataRoot => Path.Combine(_cacheDirectory, _version);

    /// <summary>
    /// Makes sure the files of <paramref name="location"/> are in the cache, downloading the missing
    /// ones, and returns <see cref="DataRoot"/>. Nothing is requested when every file is cached.
    /// </summary>
    /// <param name="location">The epydemix location name, e.g. <c>United_States_Massachusetts</c>.</param>
    /// <param name="contactSource">The contact matrix source; it must have 85×85 single-year matrices, like <c>mistry_2021</c>.</param>
    /// <param name="ct">Cancels the download; files already completed stay cached.</param>
    /// <exception cref="ModelValidationException">
    /// The location (<c>population.name</c>) or contact source (<c>population.contact_source</c>) is not a
    /// plain name (rejected before any request), or a downloaded file is not valid epydemix data.
    /// </exception>
    /// <exception cref="HttpRequestException">A request failed; the message names the URL and the status code.</exception>
    public async Task<string> EnsureLocationAsync(string location, string contactSource = EpydemixData.DefaultContactSource, CancellationToken ct = default)
    {
        EpydemixLayout.ValidateName(location, "population.name", "location name");
        EpydemixLayout.ValidateName(contactSource, "population.contact_source", "contact source");

        var root = DataRoot;
        foreach (var relative in EpydemixLayout.Files(location, contactSource))
        {
            var target = EpydemixLayout.Local(root, relative);
            if (File.Exists(target))
                continue;
            var url = new Uri(_baseUri, $"{_version}/{relative}");
            await DownloadAsync(url, target, ct).ConfigureAwait(false);
        }
        return root;
    }

    private async Task DownloadAsync(Uri url, string target, CancellationToken ct)
    {
        var folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await FetchAsync(url, temporary, ct).ConfigureAwait(false);
            Check(url, temporary, target);
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private async Task FetchAsync(Uri url, string temporary, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new HttpRequestException($"GET {url} failed: {e.Message}", e, e.StatusCode);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                throw new HttpRequestException(
                    $"GET {url} failed with status {status.ToString(CultureInfo.InvariantCulture)} ({response.ReasonPhrase})",
                    inner: null,
                    response.StatusCode);
            }
            var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await using (file.ConfigureAwait(false))
            {
                await response.Content.CopyToAsync(file, ct).ConfigureAwait(false);
                await file.FlushAsync(ct).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }
        }
    }

    /// <summary>Parses a downloaded file before it enters the cache, so an error page is never cached as data.</summary>
    private static void Check(Uri url, string temporary, string target)
    {
        try
        {
            if (Path.GetFileName(target) == "age_distribution.csv")
                EpydemixCsv.ReadAgeDistribution(temporary, "population.name");
            else
                EpydemixCsv.ReadMatrix(temporary, AgeGroups.SingleYearCount, "population.name");
        }
        catch (ModelValidationException e)
        {
            var reason = e.Reason.Replace(temporary, url.AbsoluteUri, StringComparison.Ordinal);
            throw new ModelValidationException("population.name", $"{url} did not return valid epydemix data: {reason}", e);
        }
    }
}
