namespace OrleansDistribution.Integration.Ports;

/// <summary>Names of the systems behind the ports, as they appear in exceptions, logs and metrics.</summary>
public static class DownstreamSystem
{
    /// <summary>The ERP (customer master, order commit).</summary>
    public const string Erp = "erp";

    /// <summary>The warehouse management system.</summary>
    public const string Warehouse = "wms";
}
