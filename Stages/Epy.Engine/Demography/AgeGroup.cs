namespace Epy.Engine.Demography;

/// <summary>
/// An age group over the single-year ages of epydemix-data: ages <paramref name="FirstAge"/> to
/// <paramref name="LastAge"/>, both included. Age 84 stands for the open bucket <c>84+</c>
/// (everyone aged 84 or older), so a group with <c>LastAge == 84</c> is open-ended.
/// </summary>
/// <param name="Label">The label as written in the model, e.g. <c>5-17</c>, <c>65+</c> or <c>5</c>.</param>
/// <param name="FirstAge">The youngest single-year age in the group, 0 to 84.</param>
/// <param name="LastAge">The oldest single-year age in the group, <paramref name="FirstAge"/> to 84 (84 = 84+).</param>
public sealed record AgeGroup(string Label, int FirstAge, int LastAge)
{
    /// <summary>The number of single-year buckets the group spans.</summary>
    public int Width => LastAge - FirstAge + 1;
}
