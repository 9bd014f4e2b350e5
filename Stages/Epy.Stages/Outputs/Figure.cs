using Epy.Stages.Configs;
using ScottPlot;
using SkiaSharp;

namespace Epy.Stages.Outputs;

/// <summary>
/// A figure of ScottPlot panels on a grid (rows × columns, filled row by row; a null panel is left
/// blank) under an optional title, written as PNG, PDF or SVG from the same drawing. Sizes are in
/// layout points, 100 to the figure inch: a PNG has <c>dpi / 100</c> pixels per point.
/// </summary>
/// <param name="Panels">The panels, row by row.</param>
/// <param name="Columns">Panels per row.</param>
/// <param name="PanelWidth">A panel's width in points.</param>
/// <param name="PanelHeight">A panel's height in points.</param>
/// <param name="Title">The figure's title (matplotlib's suptitle); null for none.</param>
public sealed record Figure(IReadOnlyList<Plot?> Panels, int Columns, int PanelWidth, int PanelHeight, string? Title)
{
    private const int TitleHeight = 36;

    /// <summary>The grid's rows.</summary>
    public int Rows => (Panels.Count + Columns - 1) / Columns;

    /// <summary>The figure's width in points.</summary>
    public int Width => Columns * PanelWidth;

    /// <summary>The figure's height in points.</summary>
    public int Height => Rows * PanelHeight + (Title is null ? 0 : TitleHeight);

    /// <summary>The file name for <paramref name="stem"/> in <paramref name="type"/>: <c>posterior_grid.png</c>.</summary>
    public static string FileName(string stem, FigureOutputType type) => type switch
    {
        FigureOutputType.Pdf => stem + ".pdf",
        FigureOutputType.Svg => stem + ".svg",
        _ => stem + ".png",
    };

    /// <summary>The figure's bytes in <paramref name="type"/>; <paramref name="dpi"/> applies to PNG.</summary>
    public byte[] Render(FigureOutputType type, int dpi)
    {
        using var stream = new MemoryStream();
        switch (type)
        {
            case FigureOutputType.Pdf:
                using (var document = SKDocument.CreatePdf(stream))
                {
                    Draw(document.BeginPage(Width, Height));
                    document.EndPage();
                    document.Close();
                }
                break;
            case FigureOutputType.Svg:
                using (var svg = SKSvgCanvas.Create(SKRect.Create(Width, Height), stream))
                    Draw(svg);
                break;
            default:
                var scale = dpi / 100f;
                var info = new SKImageInfo(Math.Max(1, (int)Math.Round(Width * scale)), Math.Max(1, (int)Math.Round(Height * scale)));
                using (var surface = SKSurface.Create(info))
                {
                    surface.Canvas.Scale(scale);
                    Draw(surface.Canvas);
                    using var image = surface.Snapshot();
                    using var png = image.Encode(SKEncodedImageFormat.Png, 100);
                    png.SaveTo(stream);
                }
                break;
        }
        return stream.ToArray();
    }

    private void Draw(SKCanvas canvas)
    {
        canvas.Clear(SKColors.White);
        var top = 0;
        if (Title is not null && PlotFonts.SansSerif is { } family)
        {
            using var typeface = SKTypeface.FromFamilyName(family);
            using var font = new SKFont(typeface, 18);
            using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            canvas.DrawText(Title, Width / 2f, 24, SKTextAlign.Center, font, paint);
        }
        if (Title is not null)
            top = TitleHeight;
        for (var i = 0; i < Panels.Count; i++)
        {
            if (Panels[i] is not { } plot)
                continue;
            var (row, column) = (i / Columns, i % Columns);
            var left = column * PanelWidth;
            var y = top + row * PanelHeight;
            canvas.Save();
            canvas.ClipRect(SKRect.Create(left, y, PanelWidth, PanelHeight));
            plot.Render(canvas, new PixelRect(left, left + PanelWidth, y + PanelHeight, y));
            canvas.Restore();
        }
    }
}
