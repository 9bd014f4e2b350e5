using System.Text.Json;
using Epy.Cli;

namespace Epy.Cli.Tests;

/// <summary><c>epycloud profile ...</c> as a separate process on a real temp configuration folder.</summary>
public sealed class ProfileCommandsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Dir => _folder.Combine("cfg");

    public void Dispose() => _folder.Dispose();

    private Task<Epycloud.Result> Run(params string[] arguments) => Epycloud.RunAsync([.. arguments, "--config", Dir]);

    [Fact]
    public async Task CreateUseCurrentListShowDelete_ManageProfilesAndTheActiveOne()
    {
        await Run("config", "init");

        var create = await Run("profile", "create", "covid");
        await Run("config", "set", "defaults.max_parallelism", "7", "--layer", "profile", "--profile", "covid");
        var use = await Run("profile", "use", "covid");
        var current = await Run("profile", "current");
        var list = await Run("profile", "list");
        var json = await Run("profile", "list", "--output", "json");
        var show = await Run("profile", "show");
        var deleteActive = await Run("profile", "delete", "covid");
        await Run("profile", "use", "default");
        var delete = await Run("profile", "delete", "covid");

        create.ExitCode.ShouldBe(ExitCodes.Ok, create.ToString());
        use.Output.ShouldContain("active profile: covid");
        current.Output.Trim().ShouldBe("covid");
        list.Output.ShouldContain("* covid");
        list.Output.ShouldContain("  default");
        using (var document = JsonDocument.Parse(json.Output))
            document.RootElement.GetProperty("active").GetString().ShouldBe("covid");
        show.Output.ShouldContain("max_parallelism: 7");
        deleteActive.ExitCode.ShouldBe(ExitCodes.ConfigurationError, deleteActive.ToString());
        deleteActive.Error.ShouldContain("is the active one");
        delete.ExitCode.ShouldBe(ExitCodes.Ok, delete.ToString());
        File.Exists(Path.Combine(Dir, "profiles", "covid.yaml")).ShouldBeFalse();
    }

    [Fact]
    public async Task Use_UnknownProfile_ExitsTwo_PointingAtCreate()
    {
        var use = await Run("profile", "use", "nope");

        use.ExitCode.ShouldBe(ExitCodes.ConfigurationError, use.ToString());
        use.Error.ShouldContain("profile 'nope' does not exist");
        use.Error.ShouldContain("hint: see 'epycloud profile list', or create it with 'epycloud profile create nope'");
    }

    [Fact]
    public async Task Create_FromAnother_CopiesItsSettings_AndCurrentFollowsTheVariable()
    {
        await Run("config", "init");
        await Run("config", "set", "billing_project", "flu-lab", "--layer", "profile");

        await Run("profile", "create", "flu2", "--from", "default");
        var get = await Run("config", "get", "billing_project", "--profile", "flu2");
        var current = await Epycloud.RunAsync(["profile", "current", "--config", Dir], new Dictionary<string, string> { ["EPYCLOUD_PROFILE"] = "flu2" });

        get.Output.Trim().ShouldBe("flu-lab");
        current.Output.Trim().ShouldBe("flu2");
    }
}
