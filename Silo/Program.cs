using Microsoft.Extensions.Options;
using Runtime.Hosting;
using Silo.Api;
using Silo.Health;
using Silo.Hosting;
using Silo.Observability;

// Composition root: everything the silo hosts is wired in AddSiloHost; this file only orders the pipeline.
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddSiloHost();
    builder.AddClientApi();

    var app = builder.Build();
    app.UseRequestIdBaggage();
    app.MapHealthApi();
    app.MapClusterMembers();
    app.MapClientApi();
    await app.RunAsync();
    return 0;
}
catch (Exception exception) when (exception is InvalidOperationException or OptionsValidationException)
{
    // Configuration mistakes: one line saying what to fix, not a stack trace.
    Console.Error.WriteLine($"error: {exception.Message}");
    return 1;
}

/// <summary>Visible to tests (WebApplicationFactory&lt;Program&gt;, assembly lookups).</summary>
public partial class Program;
