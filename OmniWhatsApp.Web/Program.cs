using OmniWhatsApp.Core;
using OmniWhatsApp.Web;
using OmniWhatsApp.Web.Hosting;

// SQLite's driver blocks a thread for every call; give the pool room so bursts do not wait for it to grow.
ThreadPool.GetMinThreads(out var workers, out var completion);
ThreadPool.SetMinThreads(Math.Max(workers, 64), completion);

var builder = WebApplication.CreateBuilder(args);
builder.AddRootSettings();
builder.Services.AddOmniCore(builder.Configuration, builder.Environment.ContentRootPath);
builder.AddOmniWeb();

var app = builder.Build();

if (await AdminCommand.TryRunAsync(app, args)) return;

await app.Services.InitializeDatabaseAsync(app.Environment);
app.UseOmniPipeline();
app.MapOmniEndpoints();
app.Run();

/// <summary>Entry point, visible to the tests that host the app in-process.</summary>
public partial class Program;
