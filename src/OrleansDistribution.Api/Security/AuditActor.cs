using OrleansDistribution.Abstractions;

namespace OrleansDistribution.Api.Security;

/// <summary>
/// Names who asks for a change ("operator", "partner {id}") in the Orleans RequestContext, so the grains that change a
/// partner write it into the audit log without every handler passing it on. Added to the endpoints that change
/// partners only: the order hot path does not pay for it.
/// </summary>
public static class AuditActor
{
    /// <summary>An endpoint filter that sets the actor from the request's principal.</summary>
    public static ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        Orleans.Runtime.RequestContext.Set(DistributionNames.ActorKey, context.HttpContext.User.Actor());
        return next(context);
    }
}
