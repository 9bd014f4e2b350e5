using Microsoft.Extensions.Options;

namespace Epy.Orchestrator.Cloud;

/// <summary>Fails start-up with every problem <paramref name="problems"/> finds in <typeparamref name="TOptions"/>, each naming its setting.</summary>
/// <typeparam name="TOptions">The options checked.</typeparam>
public sealed class OptionsProblems<TOptions>(Func<TOptions, IEnumerable<string>> problems) : IValidateOptions<TOptions>
    where TOptions : class
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var found = problems(options).ToList();
        return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
    }
}
