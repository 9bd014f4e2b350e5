namespace Epy.Stages.Configs;

/// <summary>
/// The file format of a figure (epymodelingsuite's <c>figure_output_types</c>); its in-memory
/// <c>MPLFigure</c> has no file and is refused.
/// </summary>
public enum FigureOutputType
{
    /// <summary><c>PNG</c>: <c>{name}.png</c>.</summary>
    Png,

    /// <summary><c>PDF</c>: <c>{name}.pdf</c>.</summary>
    Pdf,

    /// <summary><c>SVG</c>: <c>{name}.svg</c>.</summary>
    Svg,
}
