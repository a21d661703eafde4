using Runtime.Hosting;
using Silo.Health;
using Silo.Hosting;
using Silo.Models;

// Composition root: everything the silo hosts is wired in AddSiloHost; this file only orders the pipeline.
var builder = WebApplication.CreateBuilder(args);
builder.AddSiloHost();

var app = builder.Build();
app.MapHealthApi();
app.MapClusterMembers();
app.MapModelsApi();
app.Run();

/// <summary>Visible to tests (WebApplicationFactory&lt;Program&gt;, assembly lookups).</summary>
public partial class Program;
