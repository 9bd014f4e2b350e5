using Epy.Orchestrator.Hosting;

// The orchestrator service. EPY_MODE=cloud: Firestore, Cloud Batch, Cloud Storage and Pub/Sub push, set up
// from environment variables (README, "Cloud mode"); otherwise the local mode on the forecast repository
// named by EPY_PROJECT_DIR. The same composition serves 'epycloud serve --local' (OrchestratorHost).
var builder = WebApplication.CreateBuilder(args);
builder.AddOrchestrator(OrchestratorMode.From(builder.Configuration));

var app = builder.Build();
app.MapOrchestrator();
app.Run();

/// <summary>The service's entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
