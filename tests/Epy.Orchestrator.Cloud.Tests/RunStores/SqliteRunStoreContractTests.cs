using Epy.Orchestrator.Local;
using Epy.Orchestrator.Ports;
using Microsoft.Data.Sqlite;

namespace Epy.Orchestrator.Cloud.Tests.RunStores;

/// <summary>The contract on the local SQLite store: the reference the cloud store is held to.</summary>
public sealed class SqliteRunStoreContractTests : RunStoreContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("epy-runstore-").FullName;

    public SqliteRunStoreContractTests() => Store = new SqliteRunStore(new LocalDatabase(Path.Combine(_folder, "orchestrator.db")), Time);

    protected override IRunStore Store { get; }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
