using ScottPlot;
using SkiaSharp;

namespace Epy.Stages.Outputs;

/// <summary>
/// The font the figures use. Without fontconfig, SkiaSharp lists the font folders and ScottPlot's
/// default resolves to whichever family comes first (a serif one); so a sans-serif family that is
/// installed is named. On a machine with no fonts at all the figures are drawn without text.
/// </summary>
internal static class PlotFonts
{
    private static readonly string[] SansSerifFamilies = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Open Sans", "Arial", "Helvetica"];
    private static readonly Lazy<string?> Family = new(() =>
    {
        var installed = SKFontManager.Default.FontFamilies.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return SansSerifFamilies.FirstOrDefault(installed.Contains);
    });

    /// <summary>The installed sans-serif family; null when none is.</summary>
    public static string? SansSerif => Family.Value;

    /// <summary>Sets <paramref name="plot"/>'s font to <see cref="SansSerif"/> when there is one.</summary>
    public static void Apply(Plot plot)
    {
        if (SansSerif is { } family)
            plot.Font.Set(family);
    }

    /// <summary>A ScottPlot colour from a matplotlib colour name (<see cref="PlotColors"/>).</summary>
    public static Color Color(string name, uint fallback = 0x1f77b4) => ScottPlot.Color.FromARGB(0xff000000 | PlotColors.Parse(name, fallback));
}
