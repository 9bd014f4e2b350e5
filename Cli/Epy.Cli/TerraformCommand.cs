using System.CommandLine;
using Epy.Cli.Targets;
using Epy.Cli.Tools;

namespace Epy.Cli;

/// <summary><c>epycloud terraform init|plan|apply|destroy|output</c>: <c>terraform -chdir=terraform</c> with the settings as <c>TF_VAR_*</c>.</summary>
public static class TerraformCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var terraform = new Command("terraform", "Run terraform on terraform/ with the settings as TF_VAR_project_id, TF_VAR_region, TF_VAR_repository, TF_VAR_image_tag, TF_VAR_bucket_name");
        foreach (var (verb, help) in new[]
        {
            ("init", "terraform init"),
            ("plan", "terraform plan"),
            ("apply", "terraform apply (asks first, unless --yes)"),
            ("destroy", "terraform destroy (asks first, unless --yes)"),
            ("output", "terraform output"),
        })
        {
            var yes = new Option<bool>("--yes") { Description = "Do not ask (-auto-approve)" };
            var command = new Command(verb, help + "; arguments after -- go to terraform") { TreatUnmatchedTokensAsErrors = false };
            if (verb is "apply" or "destroy")
                command.Options.Add(yes);
            foreach (var option in new Option[] { TargetOptions.Project, TargetOptions.Region, TargetOptions.Repository, TargetOptions.ImageTag, TargetOptions.Bucket, TargetOptions.RepoRoot, ToolOptions.DryRun, ToolOptions.Verbose })
                command.Options.Add(option);
            command.SetAction((parse, ct) => CliException.GuardAsync(Console.Error, () =>
            {
                var target = TargetOptions.Deploy(parse, Environment.GetEnvironmentVariable);
                ToolOptions.RequireInRepo(target.RepoRoot, "terraform", directory: true);
                var extra = parse.UnmatchedTokens.Where(t => t != "--").ToList();
                return ToolOptions.Runner(parse).RunAsync([DeployPlans.Terraform(target, verb, parse.GetValue(yes), extra)], ct);
            }, ct));
            terraform.Subcommands.Add(command);
        }
        return terraform;
    }
}
