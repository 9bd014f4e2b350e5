using System.Globalization;

namespace Epy.Stages.Outputs;

/// <summary>
/// The matplotlib colour names epymodelingsuite's plot configs use: the default cycle <c>C0</c>…<c>C9</c>
/// (tab10), <c>#rrggbb</c>, and the basic named colours.
/// </summary>
public static class PlotColors
{
    private static readonly Dictionary<string, uint> Named = new(StringComparer.OrdinalIgnoreCase)
    {
        ["C0"] = 0x1f77b4, ["C1"] = 0xff7f0e, ["C2"] = 0x2ca02c, ["C3"] = 0xd62728, ["C4"] = 0x9467bd,
        ["C5"] = 0x8c564b, ["C6"] = 0xe377c2, ["C7"] = 0x7f7f7f, ["C8"] = 0xbcbd22, ["C9"] = 0x17becf,
        ["black"] = 0x000000, ["k"] = 0x000000, ["white"] = 0xffffff, ["w"] = 0xffffff,
        ["red"] = 0xff0000, ["r"] = 0xbf0000, ["green"] = 0x008000, ["g"] = 0x008000, ["blue"] = 0x0000ff, ["b"] = 0x0000ff,
        ["gray"] = 0x808080, ["grey"] = 0x808080, ["orange"] = 0xffa500, ["purple"] = 0x800080, ["brown"] = 0xa52a2a,
        ["pink"] = 0xffc0cb, ["navy"] = 0x000080, ["teal"] = 0x008080, ["olive"] = 0x808000, ["cyan"] = 0x00ffff, ["magenta"] = 0xff00ff,
        ["tab:blue"] = 0x1f77b4, ["tab:orange"] = 0xff7f0e, ["tab:green"] = 0x2ca02c, ["tab:red"] = 0xd62728, ["tab:purple"] = 0x9467bd,
        ["tab:brown"] = 0x8c564b, ["tab:pink"] = 0xe377c2, ["tab:gray"] = 0x7f7f7f, ["tab:olive"] = 0xbcbd22, ["tab:cyan"] = 0x17becf,
    };

    /// <summary>The colour as 0xRRGGBB.</summary>
    public static bool TryParse(string text, out uint rgb)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Named.TryGetValue(text.Trim(), out rgb))
            return true;
        var hex = text.Trim();
        return hex.Length == 7 && hex[0] == '#' && uint.TryParse(hex.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out rgb);
    }

    /// <summary>The colour as 0xRRGGBB; <paramref name="fallback"/> when the text is not a known colour.</summary>
    public static uint Parse(string text, uint fallback) => TryParse(text, out var rgb) ? rgb : fallback;
}
