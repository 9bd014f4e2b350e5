namespace Epy.Engine.Demography;

/// <summary>
/// The file layout of epydemix-data (<c>data/{location}/demographic/age_distribution.csv</c> and
/// <c>data/{location}/contact_matrices/{source}/contacts_matrix_{layer}.csv</c>), shared by the
/// loader and the downloader so the two cannot disagree.
/// </summary>
internal static class EpydemixLayout
{
    /// <summary>The path of the age distribution, relative to the data root, with '/' separators.</summary>
    public static string AgeDistribution(string location) => $"data/{location}/demographic/age_distribution.csv";

    /// <summary>The folder of one contact source, relative to the data root.</summary>
    public static string ContactSourceFolder(string location, string contactSource) =>
        $"data/{location}/contact_matrices/{contactSource}";

    /// <summary>The path of one contact layer, relative to the data root.</summary>
    public static string ContactMatrix(string location, string contactSource, string layer) =>
        $"{ContactSourceFolder(location, contactSource)}/contacts_matrix_{layer}.csv";

    /// <summary>Every file a location needs: the age distribution, then the standard layers.</summary>
    public static IReadOnlyList<string> Files(string location, string contactSource) =>
        [AgeDistribution(location), .. Population.StandardLayers.Select(layer => ContactMatrix(location, contactSource, layer))];

    /// <summary>Turns a relative layout path into a local one under <paramref name="root"/>.</summary>
    public static string Local(string root, string relative) =>
        Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>
    /// Rejects a location, contact source or version that is not a plain name: only ASCII letters,
    /// digits, '_', '-' and '.', and not made of dots alone, so it can never climb out of the data
    /// folder or add a path segment.
    /// </summary>
    public static void ValidateName(string? name, string field, string what)
    {
        if (!IsPlainName(name))
        {
            throw new ModelValidationException(field,
                $"'{name}' is not a valid {what}: use only letters, digits, '_', '-' and '.', not just dots (e.g. United_States_Massachusetts)");
        }
    }

    /// <summary>True when <paramref name="name"/> is safe as one path segment and one URL segment.</summary>
    public static bool IsPlainName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 200)
            return false;
        var onlyDots = true;
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
                return false;
            onlyDots &= c == '.';
        }
        return !onlyDots;
    }
}
