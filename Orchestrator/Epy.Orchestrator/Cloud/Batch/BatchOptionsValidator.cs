using Microsoft.Extensions.Options;

namespace Epy.Orchestrator.Cloud.Batch;

/// <summary>Fails start-up with every problem of the <see cref="BatchOptions"/>.</summary>
public sealed class BatchOptionsValidator : IValidateOptions<BatchOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, BatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
