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
        var terraform = new Command("terraform", "Run terraform on terraform/ with the settings as TF_VAR_project_id, TF_VAR_region, TF_VAR_name_prefix (docker.repository), TF_VAR_image_tag, TF_VAR_bucket_name, TF_VAR_dir_prefix");
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
            foreach (var option in new Option[] { TargetOptions.Project, TargetOptions.Region, TargetOptions.Repository, TargetOptions.ImageTag, TargetOptions.Bucket, TargetOptions.DirPrefix, TargetOptions.RepoRoot })
                command.Options.Add(option);
            CliAction.Set(command, (context, parse, ct) =>
            {
                var target = TargetOptions.Deploy(parse, context);
                ToolOptions.RequireInRepo(target.RepoRoot, "terraform", directory: true);
                var extra = parse.UnmatchedTokens.Where(t => t != "--").ToList();
                return ToolOptions.Runner(context).RunAsync([DeployPlans.Terraform(target, verb, parse.GetValue(yes), extra)], ct);
            });
            terraform.Subcommands.Add(command);
        }
        return terraform;
    }
}
