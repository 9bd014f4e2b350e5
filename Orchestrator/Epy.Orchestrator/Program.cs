using Epy.Orchestrator;
using Epy.Orchestrator.Api;
using Epy.Orchestrator.Local;

// The orchestrator service. Cloud adapters (Firestore, Batch, Pub/Sub push) arrive with issue 6;
// until then it serves the local mode on the forecast repository named by EPY_PROJECT_DIR.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddProblemDetails();
builder.Services.ConfigureHttpJsonOptions(json => OrchestratorJson.Configure(json.SerializerOptions));
builder.Services.AddLocalMode(LocalModeSetup.ForProject(builder.Configuration["EPY_PROJECT_DIR"] ?? Directory.GetCurrentDirectory()));

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapRunsApi();
app.Run();

/// <summary>The service's entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
