using System.Collections.Concurrent;
using System.Text.Json;
using Json.Schema;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansDistribution.Abstractions.Events;
using OrleansDistribution.Api.Schemas;
using OrleansDistribution.Api.Streaming;

namespace OrleansDistribution.Api.Tests.Fixtures;

/// <summary>
/// Validates every event the hosted API silo publishes, serialized exactly as the SSE stream writes it, against the
/// schema the catalog serves for it: a test run that emits an event off its contract fails, whichever test caused it.
/// </summary>
public sealed class EventSchemaValidator : IAsyncDisposable
{
    private readonly Dictionary<(string Type, int Version), JsonSchema> _schemas = [];
    private readonly JsonSerializerOptions _serializer;
    private readonly EventSubscriber _subscriber;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly ConcurrentDictionary<string, int> _validated = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _violations = new();

    /// <summary>Subscribes to everything the host's hub delivers and starts validating.</summary>
    public EventSchemaValidator(IServiceProvider services, Uri baseAddress)
    {
        var catalog = services.GetRequiredService<EventSchemaCatalog>();
        foreach (var (eventType, versions) in catalog.Types)
        {
            foreach (var version in versions)
            {
                _schemas[(eventType, version)] = JsonSchema.FromText(
                    catalog.Find(eventType, version)!.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() }, baseAddress);
            }
        }

        _serializer = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        _subscriber = services.GetRequiredService<StatusEventHub>().Subscribe(_ => true);
        _loop = Task.Run(ValidateAsync);
    }

    /// <summary>How many events of each type passed validation so far.</summary>
    public IReadOnlyDictionary<string, int> Validated => _validated;

    /// <summary>Every event that did not match its schema, with the validator's errors.</summary>
    public IReadOnlyCollection<string> Violations => _violations;

    /// <summary>Checks one event as the stream would send it; records the result.</summary>
    public void Validate(DistributionEvent distributionEvent)
    {
        var wire = JsonSerializer.Serialize(distributionEvent, distributionEvent.GetType(), _serializer);
        if (!_schemas.TryGetValue((distributionEvent.EventType, distributionEvent.SchemaVersion), out var schema))
        {
            _violations.Enqueue($"{distributionEvent.EventType} v{distributionEvent.SchemaVersion} has no schema in /v1/schemas: {wire}");
            return;
        }

        using var document = JsonDocument.Parse(wire);
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (result.IsValid)
        {
            _validated.AddOrUpdate(distributionEvent.EventType, 1, (_, count) => count + 1);
            return;
        }

        var errors = (result.Details ?? []).Where(detail => detail.Errors is not null)
            .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation}: {error.Key} {error.Value}"));
        _violations.Enqueue($"{distributionEvent.EventType} v{distributionEvent.SchemaVersion} violates its schema ({string.Join("; ", errors)}): {wire}");
    }

    /// <summary>Stops validating; throws when any event broke its schema, so the run fails even if no test looked.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopping is how the loop ends.
        }

        _subscriber.Dispose();
        _stop.Dispose();
        if (!_violations.IsEmpty)
        {
            throw new InvalidOperationException($"Events published off their schema:\n{string.Join("\n", _violations)}");
        }
    }

    private async Task ValidateAsync()
    {
        while (await _subscriber.Events.WaitToReadAsync(_stop.Token))
        {
            while (_subscriber.Events.TryRead(out var distributionEvent))
            {
                Validate(distributionEvent);
            }
        }
    }
}
