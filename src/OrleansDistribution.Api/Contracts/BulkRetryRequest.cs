using System.ComponentModel.DataAnnotations;
using OrleansDistribution.Abstractions.Exceptions;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Api.Contracts.Validation;

namespace OrleansDistribution.Api.Contracts;

/// <summary>POST /v1/exceptions/retry body: replay every open exception of one type, throttled.</summary>
public sealed record BulkRetryRequest : IRequestExample<BulkRetryRequest>
{
    /// <summary>Concurrency when none is given.</summary>
    public const int DefaultMaxConcurrency = 4;

    /// <summary>Highest concurrency accepted: a replay must not become the next outage.</summary>
    public const int MaxMaxConcurrency = 64;

    /// <summary>The exception type (business cause) to replay.</summary>
    [Required]
    [OneOf(typeof(ExceptionTypes))]
    public string Type { get; init; } = "";

    /// <summary>Only this partner's exceptions; all partners when absent.</summary>
    [Identifier(64)]
    public string? PartnerId { get; init; }

    /// <summary>Replays at a time, 1 to 64; 4 when absent.</summary>
    [Range(1, MaxMaxConcurrency)]
    public int? MaxConcurrency { get; init; }

    /// <inheritdoc />
    public static BulkRetryRequest Example { get; } = new() { Type = OrderExceptionTypes.ErpUnavailable, PartnerId = "acme-edi", MaxConcurrency = 4 };
}
