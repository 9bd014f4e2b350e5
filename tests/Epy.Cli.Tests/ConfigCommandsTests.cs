using System.Text.Json;
using Epy.Cli;

namespace Epy.Cli.Tests;

/// <summary><c>epycloud config ...</c> as a separate process on a real temp configuration folder.</summary>
public sealed class ConfigCommandsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Dir => _folder.Combine("cfg");

    public void Dispose() => _folder.Dispose();

    private Task<Epycloud.Result> Run(params string[] arguments) => Epycloud.RunAsync([.. arguments, "--config", Dir]);

    [Fact]
    public async Task Init_CreatesEveryLayer_WithSecretsMode600_AndKeepsExistingFiles()
    {
        var first = await Run("config", "init");
        File.WriteAllText(Path.Combine(Dir, "config.yaml"), "google_cloud: { project_id: mine }\n");
        var second = await Run("config", "init");

        first.ExitCode.ShouldBe(ExitCodes.Ok, first.ToString());
        foreach (var file in new[] { "config.yaml", "environments/dev.yaml", "environments/prod.yaml", "profiles/default.yaml", "secrets.yaml", "active_profile" })
            File.Exists(Path.Combine(Dir, file)).ShouldBeTrue(file);
        File.GetUnixFileMode(Path.Combine(Dir, "secrets.yaml")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        second.Output.ShouldContain($"kept    {Path.Combine(Dir, "config.yaml")}");
        File.ReadAllText(Path.Combine(Dir, "config.yaml")).ShouldContain("mine");
    }

    [Fact]
    public async Task SetGet_RoundTrip_ThroughTheChosenLayer_WithSubstitution()
    {
        await Run("config", "init");

        var set = await Run("config", "set", "google_cloud.project_id", "prod-proj", "--layer", "environment", "--env", "prod");
        var prodGet = await Run("config", "get", "google_cloud.project_id", "--env", "prod");
        var devGet = await Run("config", "get", "google_cloud.project_id");
        var prefix = await Run("config", "get", "storage.dir_prefix", "--env", "prod");

        set.ExitCode.ShouldBe(ExitCodes.Ok, set.ToString());
        prodGet.Output.Trim().ShouldBe("prod-proj");
        devGet.Output.Trim().ShouldBe("", "the base layer's empty project id");
        prefix.Output.Trim().ShouldBe("pipeline/prod/default/");
    }

    [Fact]
    public async Task Set_MalformedValue_OrSecretOutsideSecrets_ExitsTwoWithAHint()
    {
        var badInt = await Run("config", "set", "defaults.max_parallelism", "many");
        var secret = await Run("config", "set", "github.personal_access_token", "ghp_abc");

        badInt.ExitCode.ShouldBe(ExitCodes.ConfigurationError, badInt.ToString());
        badInt.Error.ShouldContain("defaults.max_parallelism: 'many' is not a whole number");
        secret.ExitCode.ShouldBe(ExitCodes.ConfigurationError, secret.ToString());
        secret.Error.ShouldContain("hint: epycloud config set github.personal_access_token VALUE --layer secrets");
        File.Exists(Path.Combine(Dir, "config.yaml")).ShouldBeFalse();
    }

    [Fact]
    public async Task Show_MasksSecrets_InTableAndJson_AndGetRevealsOnlyWhenAsked()
    {
        await Run("config", "init");
        await Run("config", "set", "github.personal_access_token", "ghp_verysecretvalue9876", "--layer", "secrets");

        var show = await Run("config", "show");
        var json = await Run("config", "show", "--output", "json");
        var get = await Run("config", "get", "github.personal_access_token");
        var reveal = await Run("config", "get", "github.personal_access_token", "--reveal");

        show.Output.ShouldNotContain("verysecret");
        show.Output.ShouldContain("personal_access_token: '****9876'");
        json.Output.ShouldNotContain("verysecret");
        using var document = JsonDocument.Parse(json.Output);
        document.RootElement.GetProperty("settings").GetProperty("github").GetProperty("personal_access_token").GetString().ShouldBe("****9876");
        document.RootElement.GetProperty("environment").GetString().ShouldBe("dev");
        get.Output.Trim().ShouldBe("****9876");
        reveal.Output.Trim().ShouldBe("ghp_verysecretvalue9876");
        File.GetUnixFileMode(Path.Combine(Dir, "secrets.yaml")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task Get_UnsetKey_ExitsOne_WithAHint()
    {
        var get = await Run("config", "get", "google_cloud.project_id");

        get.ExitCode.ShouldBe(ExitCodes.RunFailed, get.ToString());
        get.Error.ShouldContain("google_cloud.project_id is not set");
        get.Error.ShouldContain("hint: set it with 'epycloud config set google_cloud.project_id VALUE'");
    }

    [Fact]
    public async Task Errors_AreColouredOnlyWhenAsked()
    {
        var always = await Run("config", "get", "billing_project", "--color", "always");
        var auto = await Run("config", "get", "billing_project");

        always.Error.ShouldStartWith("\u001b[31mepycloud: billing_project is not set");
        auto.Error.ShouldStartWith("epycloud: billing_project is not set", customMessage: "auto: stderr is not a terminal here");
    }

    [Fact]
    public async Task Validate_ReportsErrorsAndWarnings_AndExitsTwoOnErrors()
    {
        await Run("config", "init");
        File.AppendAllText(Path.Combine(Dir, "profiles", "default.yaml"), "defaults: { spot: maybe }\ngoogle_clod: { project_id: typo }\n");

        var validate = await Run("config", "validate");
        var json = await Run("config", "validate", "--output", "json");

        validate.ExitCode.ShouldBe(ExitCodes.ConfigurationError, validate.ToString());
        validate.Output.ShouldContain("error: defaults.spot: 'maybe' is not true or false");
        validate.Output.ShouldContain("warning: google_clod.project_id is not a setting epycloud reads");
        using var document = JsonDocument.Parse(json.Output);
        document.RootElement.GetProperty("valid").GetBoolean().ShouldBeFalse();
        document.RootElement.GetProperty("errors").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Validate_SecretsReadableByOthers_ExitsTwo_SayingChmod()
    {
        await Run("config", "init");
        File.SetUnixFileMode(Path.Combine(Dir, "secrets.yaml"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var show = await Run("config", "show");

        show.ExitCode.ShouldBe(ExitCodes.ConfigurationError, show.ToString());
        show.Error.ShouldContain("secrets must be mode 600");
        show.Error.ShouldContain($"hint: run: chmod 600 {Path.Combine(Dir, "secrets.yaml")}");
    }

    [Fact]
    public async Task Edit_RunsTheEditorOnTheLayersFile_ThenValidates()
    {
        await Run("config", "init");
        var editor = _folder.Combine("editor.sh");
        File.WriteAllText(editor, "#!/bin/sh\nprintf 'billing_project: flu-team\\n' >> \"$1\"\n");
        File.SetUnixFileMode(editor, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var edit = await Epycloud.RunAsync(["config", "edit", "--layer", "profile", "--config", Dir], new Dictionary<string, string> { ["EDITOR"] = editor, ["VISUAL"] = "" });
        var get = await Run("config", "get", "billing_project", "-v");

        edit.ExitCode.ShouldBe(ExitCodes.Ok, edit.ToString());
        edit.Output.ShouldContain("the settings are valid");
        get.Output.Trim().ShouldBe("flu-team");
        get.Error.ShouldContain(Path.Combine(Dir, "profiles", "default.yaml"));
    }

    [Fact]
    public async Task Path_FollowsXdgConfigHome_WithoutConfigOption()
    {
        var path = await Epycloud.RunAsync(["config", "path"], new Dictionary<string, string> { ["EPYCLOUD_CONFIG_DIR"] = "", ["XDG_CONFIG_HOME"] = _folder.Path });

        path.Output.Trim().ShouldBe(_folder.Combine("epymodelingsuite-cloud"));
    }

    [Fact]
    public async Task Variables_OverrideEveryFile()
    {
        await Run("config", "init");
        await Run("config", "set", "google_cloud.bucket_name", "from-file", "--layer", "secrets");

        var get = await Epycloud.RunAsync(["config", "get", "google_cloud.bucket_name", "--config", Dir, "-v"],
            new Dictionary<string, string> { ["EPYCLOUD_GOOGLE_CLOUD__BUCKET_NAME"] = "from-variable" });

        get.Output.Trim().ShouldBe("from-variable");
        get.Error.ShouldContain("EPYCLOUD_GOOGLE_CLOUD__BUCKET_NAME");
    }
}
