namespace Epy.Stages.Tests.Configs;

/// <summary>A fact that needs ../shared/data beside the repository; skipped (not failed) when it is absent.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (TestData.SharedDataRoot is null)
            Skip = "../shared/data is not beside the repository";
    }
}
