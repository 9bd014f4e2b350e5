namespace Epy.Deployment.Tests.Terraform;

/// <summary>Variables: every one referenced is declared, described, typed and (unless a flag) validated.</summary>
public sealed class VariableTests
{
    private static readonly TerraformConfig Tf = TerraformConfig.Current;

    [Fact]
    public void EveryReferencedVariable_IsDeclared()
    {
        var referenced = Tf.Files.Values.SelectMany(Hcl.Strings).SelectMany(Hcl.VariableReferences).ToHashSet(StringComparer.Ordinal);

        referenced.ShouldNotBeEmpty();
        referenced.Where(name => !Tf.Variables.ContainsKey(name)).ShouldBeEmpty("referenced as var.NAME but not declared");
    }

    [Fact]
    public void EveryDeclaredVariable_IsUsed()
    {
        var referenced = Tf.Files.Values.SelectMany(Hcl.Strings).SelectMany(Hcl.VariableReferences).ToHashSet(StringComparer.Ordinal);

        Tf.Variables.Keys.Where(name => !referenced.Contains(name)).ShouldBeEmpty("declared but never used");
    }

    [Fact]
    public void EveryVariable_HasADescriptionAndAType()
    {
        foreach (var (name, variable) in Tf.Variables)
        {
            Hcl.Text(variable["description"]).ShouldNotBeNullOrWhiteSpace($"variable {name} has no description");
            Hcl.Text(variable["description"])!.Length.ShouldBeGreaterThan(20, $"variable {name}: say what it is for");
            Hcl.Text(variable["type"]).ShouldNotBeNullOrWhiteSpace($"variable {name} has no type");
        }
    }

    [Fact]
    public void EveryVariableButAFlag_IsValidated()
    {
        foreach (var (name, variable) in Tf.Variables.Where(v => Hcl.Text(v.Value["type"]) != "${bool}"))
        {
            var validations = Hcl.Blocks(variable, "validation");
            validations.ShouldNotBeEmpty($"variable {name} has no validation block");
            foreach (var validation in validations)
            {
                Hcl.Text(validation["condition"])!.ShouldContain($"var.{name}", customMessage: $"variable {name}: a validation must test the variable itself");
                Hcl.Text(validation["error_message"]).ShouldNotBeNullOrWhiteSpace();
            }
        }
    }

    [Fact]
    public void TheProjectAndTheBucket_MustBeGiven_EverythingElseHasADefault()
    {
        var required = Tf.Variables.Where(v => !v.Value.ContainsKey("default")).Select(v => v.Key).Order(StringComparer.Ordinal);

        required.ShouldBe(["bucket_name", "project_id"]);
    }
}
