using System.Text.Json.Nodes;

namespace OrleansDistribution.Api.Tests.Schemas;

/// <summary>The compatibility guard itself: it must catch what breaks a consumer and let through what does not.</summary>
public sealed class SchemaCompatibilityTests
{
    private static readonly JsonObject Committed = Parse("""
        { "type": "object",
          "properties": { "orderId": { "type": "string" }, "quantity": { "type": "integer" } },
          "required": ["orderId"] }
        """);

    [Fact]
    public void RenamedProperty_Breaks()
    {
        var generated = Parse("""{ "properties": { "orderRef": { "type": "string" }, "quantity": { "type": "integer" } }, "required": ["orderRef"] }""");

        var breaks = SchemaCompatibility.Breaks(Committed, generated);

        Assert.Contains(breaks, text => text.Contains("'orderId' was removed or renamed", StringComparison.Ordinal));
        Assert.Contains(breaks, text => text.Contains("'orderRef' is now required", StringComparison.Ordinal));
    }

    [Fact]
    public void ChangedType_Breaks()
    {
        var generated = Parse("""{ "properties": { "orderId": { "type": "string" }, "quantity": { "type": "string" } }, "required": ["orderId"] }""");

        Assert.Single(SchemaCompatibility.Breaks(Committed, generated), text => text.Contains("'quantity' changed", StringComparison.Ordinal));
    }

    [Fact]
    public void OptionalPropertyAdded_DoesNotBreak_ButIsReported()
    {
        var generated = Parse("""{ "properties": { "orderId": { "type": "string" }, "quantity": { "type": "integer" }, "note": { "type": "string" } }, "required": ["orderId"] }""");

        Assert.Empty(SchemaCompatibility.Breaks(Committed, generated));
        Assert.Equal(["note"], SchemaCompatibility.Added(Committed, generated));
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
