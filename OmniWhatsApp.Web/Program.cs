using OmniWhatsApp.Core;
using OmniWhatsApp.Web;
using OmniWhatsApp.Web.Hosting;

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
