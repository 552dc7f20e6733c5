using OrleansDistribution.Api;
using OrleansDistribution.Hosting;

// The API silo: an ASP.NET Core edge co-hosted with an Orleans silo of the distribution cluster.
var builder = WebApplication.CreateBuilder(args);
builder.AddDistributionSilo();
builder.AddDistributionApi();

var app = builder.Build();
app.UseDistributionApi();
app.MapDistributionApi();
app.Run();

/// <summary>Entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
