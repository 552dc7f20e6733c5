using ErpSimulator.Endpoints;
using OrleansDistribution.Integration.Simulated;

// A stand-in ERP and WMS speaking docs/integration-contract.md, with the in-process simulation's faults and books.
var builder = WebApplication.CreateBuilder(args);
// The address the README and the silo's Distribution__Erp__BaseUrl example use, unless --urls, ASPNETCORE_URLS or *_HTTP_PORTS chose one.
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5090");
}

builder.Services.AddProblemDetails();
builder.Services.Configure<SimulationOptions>(builder.Configuration.GetSection("Simulation"));
builder.Services.AddSingleton<FaultInjector>();
builder.Services.AddSingleton<SimulationLedger>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<SimulatedErpStock>();
builder.Services.AddSingleton<SimulatedDownstream>();

var app = builder.Build();
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    // Unreadable JSON is the caller's mistake in every environment (Development throws it), never a 500.
    StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
});
app.UseStatusCodePages();
app.MapErpApi();
app.MapWmsApi();
app.MapSimulationApi();
app.Run();

/// <summary>Entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
