using System.Globalization;

namespace Epy.Stages.Outputs.Hub;

/// <summary>How configured values are compared with submitted cells.</summary>
internal static class HubTaskValues
{
    public static bool Same(string configured, string value, bool numeric) =>
        numeric
            ? double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
              && double.TryParse(configured, NumberStyles.Float, CultureInfo.InvariantCulture, out var b) && a == b
            : string.Equals(configured, value, StringComparison.Ordinal);
}
