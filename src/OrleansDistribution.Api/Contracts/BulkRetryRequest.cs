using OrleansDistribution.Abstractions.Orders;

namespace OrleansDistribution.Api.Contracts;

/// <summary>POST /v1/exceptions/retry body.</summary>
public sealed record BulkRetryRequest(string? Type, string? PartnerId, int? MaxConcurrency)
{
    /// <summary>Concurrency when none is given.</summary>
    public const int DefaultMaxConcurrency = 4;

    /// <summary>Highest concurrency accepted: a replay must not become the next outage.</summary>
    public const int MaxMaxConcurrency = 64;

    /// <summary>Checks shape.</summary>
    public Validation Validate()
    {
        var validation = new Validation();
        if (Type is null || !OrderExceptionTypes.All.Contains(Type))
        {
            validation.Add("type", $"Must be one of: {string.Join(", ", OrderExceptionTypes.All)}.");
        }

        if (PartnerId is not null)
        {
            validation.RequireIdentifier("partnerId", PartnerId, 64);
        }

        if (MaxConcurrency is < 1 or > MaxMaxConcurrency)
        {
            validation.Add("maxConcurrency", $"Between 1 and {MaxMaxConcurrency}.");
        }

        return validation;
    }
}
