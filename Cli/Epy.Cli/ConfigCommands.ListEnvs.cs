using System.CommandLine;
using Epy.Cli.Configuration;

namespace Epy.Cli;

public static partial class ConfigCommands
{
    /// <summary><c>config list-envs</c>, as in the original epycloud: the files of <c>environments/</c>, <c>*</c> marking the one in use.</summary>
    private static Command BuildListEnvs()
    {
        var output = GlobalOptions.Output();
        var list = new Command("list-envs", "List the environments (environments/{env}.yaml); * marks the one in use (--env, else EPYCLOUD_ENV, else dev)") { output };
        CliAction.Set(list, (context, _, _) =>
        {
            var paths = ConfigPaths.Locate(context.Selection.ConfigDir, context.Variables);
            var (current, _) = Names(context);
            var names = paths.Environments();
            if (context.Json)
                RunTable.Json(context.Out, new { current, environments = names });
            else if (names.Count == 0)
                context.Out.WriteLine($"no environments in {paths.EnvironmentsDirectory}; 'epycloud config init' creates dev and prod");
            foreach (var name in context.Json ? [] : names)
                context.Out.WriteLine($"{(name == current ? "*" : " ")} {name}");
            return Task.FromResult(ExitCodes.Ok);
        });
        return list;
    }
}
