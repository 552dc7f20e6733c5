namespace OrleansDistribution.Api.Contracts;

/// <summary>PUT /v1/inventory/{sku} body.</summary>
public sealed record SetInventoryRequest(int? OnHand)
{
    /// <summary>Largest on-hand count accepted.</summary>
    public const int MaxOnHand = 1_000_000_000;

    /// <summary>Checks shape.</summary>
    public Validation Validate(string sku)
    {
        var validation = new Validation();
        validation.RequireIdentifier("sku", sku, 64);
        if (OnHand is null or < 0 or > MaxOnHand)
        {
            validation.Add("onHand", $"Required, between 0 and {MaxOnHand}.");
        }

        return validation;
    }
}
