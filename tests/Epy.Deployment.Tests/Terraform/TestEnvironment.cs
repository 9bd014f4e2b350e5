namespace Epy.Deployment.Tests.Terraform;

/// <summary>The environment the Cloud Run service gets (<c>local.orchestrator_env</c>), with sample values for its expressions.</summary>
public static class TestEnvironment
{
    /// <summary>A fresh copy of it.</summary>
    public static Dictionary<string, string> Sample()
    {
        var tf = TerraformConfig.Current;
        var samples = new SampleValues(tf);
        return tf.LocalObject("orchestrator_env").ToDictionary(pair => pair.Key, pair => samples.Resolve(Hcl.Text(pair.Value)!), StringComparer.Ordinal);
    }
}
