namespace OrleansDistribution.Api.Contracts;

/// <summary>PUT /v1/partners/{partnerId}/price-list body.</summary>
public sealed record PriceListRequest(string? Version, string? Currency, List<PriceListLineInput?>? Lines)
{
    /// <summary>Most lines in one price list.</summary>
    public const int MaxLines = 100_000;

    /// <summary>Checks shape.</summary>
    public Validation Validate()
    {
        var validation = new Validation();
        validation.RequireIdentifier("version", Version, 64);
        if (Currency is null || Currency.Length != 3 || !Currency.All(char.IsAsciiLetterUpper))
        {
            validation.Add("currency", "Required: an ISO 4217 code such as USD.");
        }

        if (Lines is null || Lines.Count == 0)
        {
            validation.Add("lines", "At least one line is required.");
            return validation;
        }

        if (Lines.Count > MaxLines)
        {
            validation.Add("lines", $"At most {MaxLines} lines.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Lines.Count; i++)
        {
            var line = Lines[i];
            if (line is null)
            {
                validation.Add($"lines[{i}]", "Required.");
                continue;
            }

            validation.RequireIdentifier($"lines[{i}].sku", line.Sku, 64);
            if (line.Sku is not null && !seen.Add(line.Sku))
            {
                validation.Add($"lines[{i}].sku", "Listed twice.");
            }

            if (line.UnitPrice is null or < 0 or > 1_000_000_000m)
            {
                validation.Add($"lines[{i}].unitPrice", "Required, between 0 and 1000000000.");
            }
            else if (decimal.Round(line.UnitPrice.Value, 4) != line.UnitPrice.Value)
            {
                validation.Add($"lines[{i}].unitPrice", "At most 4 decimal places.");
            }
        }

        return validation;
    }
}
