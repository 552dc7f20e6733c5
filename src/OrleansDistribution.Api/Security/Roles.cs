namespace OrleansDistribution.Api.Security;

/// <summary>Principal kinds an API key can name.</summary>
public static class Roles
{
    /// <summary>The distributor's operator; also acts as ERP system of record and carrier feed in v1.</summary>
    public const string Operator = "operator";

    /// <summary>The ERP integration: the system of record for stock; it may feed and read positions only.</summary>
    public const string Erp = "erp";

    /// <summary>A trading partner (channel).</summary>
    public const string Partner = "partner";
}
