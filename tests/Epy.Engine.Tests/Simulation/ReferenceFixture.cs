using Epy.Engine.Demography;
using Epy.Engine.Reference;
using Epy.Engine.Simulation;

namespace Epy.Engine.Tests.Simulation;

/// <summary>The reference flu model on Massachusetts, compiled once for every test that needs it.</summary>
public sealed class ReferenceFixture
{
    public ReferenceFixture()
    {
        Massachusetts = EpydemixData.Load(TestData.EpydemixDataRoot, "United_States_Massachusetts", ReferenceModels.FluAgeGroups);
        Flu = ReferenceModels.Flu(Massachusetts);
        Sir = ReferenceModels.Sir();
    }

    public Population Massachusetts { get; }

    public CompiledModel Flu { get; }

    public CompiledModel Sir { get; }
}

[CollectionDefinition(Name)]
public sealed class ReferenceModelsGroup : ICollectionFixture<ReferenceFixture>
{
    public const string Name = "reference models";
}
