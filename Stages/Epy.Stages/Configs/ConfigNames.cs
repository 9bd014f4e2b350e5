using System.Text;

namespace Epy.Stages.Configs;

/// <summary>Enumeration values as configs spell them: <c>AgeVarying</c> → <c>age_varying</c>.</summary>
internal static class ConfigNames
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
                builder.Append('_');
            builder.Append(char.ToLowerInvariant(name[i]));
        }
        return builder.ToString();
    }
}
