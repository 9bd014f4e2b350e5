using Epy.Orchestrator.Api;
using Epy.Orchestrator.Cloud;
using Epy.Orchestrator.Cloud.Push;
using Epy.Orchestrator.Dashboard;
using Epy.Orchestrator.Hosting;
using Epy.Orchestrator.Local;

// The orchestrator service. EPY_MODE=cloud: Firestore, Cloud Batch, Cloud Storage and Pub/Sub push, set up
// from environment variables (README, "Cloud mode"); otherwise the local mode on the forecast repository
// named by EPY_PROJECT_DIR.
var builder = WebApplication.CreateBuilder(args);
var cloud = builder.Configuration.IsCloudMode();
builder.AddServiceDefaults();
if (cloud)
    builder.Services.AddCloudMode(builder.Configuration);
else
    builder.Services.AddLocalMode(LocalModeSetup.ForProject(builder.Configuration["EPY_PROJECT_DIR"] ?? Directory.GetCurrentDirectory()));

var app = builder.Build();
app.UseServiceDefaults();
app.MapRunsApi();
app.MapDashboard();
if (cloud)
    app.MapBatchEvents();
app.Run();

/// <summary>The service's entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
