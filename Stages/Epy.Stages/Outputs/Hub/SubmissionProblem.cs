namespace Epy.Stages.Outputs.Hub;

/// <summary>One way a submission breaks its hub's rules.</summary>
/// <param name="Check">The hubValidations check it fails (e.g. <c>value_col_sum1</c>).</param>
/// <param name="Where">The rows (<c>lines 3-25</c>) or the task (<c>location US, horizon 1, target 'wk inc flu hosp'</c>).</param>
/// <param name="Message">What is wrong.</param>
public sealed record SubmissionProblem(string Check, string Where, string Message)
{
    /// <summary>One line: <c>{where}: {message} [{check}]</c>.</summary>
    public override string ToString() => $"{Where}: {Message} [{Check}]";
}
