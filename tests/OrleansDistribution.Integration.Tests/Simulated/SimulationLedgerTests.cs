using OrleansDistribution.Integration.Simulated;

namespace OrleansDistribution.Integration.Tests.Simulated;

public sealed class SimulationLedgerTests
{
    [Fact]
    public void Apply_RepeatedKey_PerformsTheEffectOnceAndAnswersTheFirstAnswer()
    {
        var ledger = new SimulationLedger();

        var first = ledger.Apply("ord-1", "ord-1:erp-commit", SimulationLedger.Effect.Commit, () => "ERP-1");
        var again = ledger.Apply("ord-1", "ord-1:erp-commit", SimulationLedger.Effect.Commit, () => "ERP-2");

        Assert.Equal(("ERP-1", "ERP-1"), (first, again));
        Assert.Equal(1, ledger.Of("ord-1")!.Commits);
    }

    [Fact]
    public void Apply_MoreOrdersThanCapacity_ForgetsTheOldestOrderAndItsKeysOnly()
    {
        var ledger = new SimulationLedger(capacity: 3);
        for (var i = 1; i <= 4; i++)
        {
            ledger.Apply($"ord-{i}", $"ord-{i}:erp-commit", SimulationLedger.Effect.Commit, () => $"ERP-{i}");
        }

        Assert.Null(ledger.Of("ord-1"));
        Assert.All(new[] { "ord-2", "ord-3", "ord-4" }, id => Assert.Equal(1, ledger.Of(id)!.Commits));

        // A kept order still answers its key; the forgotten order's key is forgotten too (bounded memory, not only index).
        Assert.Equal("ERP-2", ledger.Apply("ord-2", "ord-2:erp-commit", SimulationLedger.Effect.Commit, () => "other"));
        Assert.Equal("ERP-again", ledger.Apply("ord-1", "ord-1:erp-commit", SimulationLedger.Effect.Commit, () => "ERP-again"));
    }
}
