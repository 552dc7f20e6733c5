using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Grains.Storage;

namespace OrleansDistribution.Grains.Orders;

/// <summary>
/// Owns one Idempotency-Key of one partner. Calls run one at a time, so concurrent submissions with the same
/// key queue here and all but the first get the first response: one key, one order, even under a storm.
/// </summary>
public sealed class OrderIntakeGrain(
    [PersistentState("intake", DistributionNames.Storage)] IPersistentState<OrderIntakeState> state) : Grain, IOrderIntakeGrain
{
    /// <inheritdoc />
    public async Task<IntakeResult> SubmitAsync(string requestFingerprint, OrderSubmission submission)
    {
        if (state.RecordExists && state.State.Fingerprint != requestFingerprint)
        {
            throw new RuleViolationException(RuleViolationKind.Unprocessable, RuleCodes.IdempotencyKeyReused,
                "This Idempotency-Key was already used with a different request body.");
        }

        if (state.State.FirstResponse is { } first)
        {
            return new IntakeResult(first, Replayed: true);
        }

        if (!state.RecordExists)
        {
            // Persist the order ID before creating the order: if we crash in between, the retry finds the same order.
            state.State = new OrderIntakeState { Fingerprint = requestFingerprint, OrderId = NewOrderId() };
            await state.WriteOrDeactivateAsync(this);
        }

        OrderSnapshot order;
        try
        {
            order = await GrainFactory.GetGrain<IOrderGrain>(state.State.OrderId).SubmitAsync(submission);
        }
        catch (RuleViolationException)
        {
            // A refused request writes nothing: the key is free again for a corrected body.
            await state.ClearStateAsync();
            throw;
        }

        state.State.FirstResponse = order;
        await state.WriteOrDeactivateAsync(this);
        return new IntakeResult(order, Replayed: false);
    }

    private static string NewOrderId() => $"ord_{Guid.CreateVersion7():N}";
}
