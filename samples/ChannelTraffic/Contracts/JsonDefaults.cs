using System.Text.Json;

namespace ChannelTraffic.Contracts;

public static class JsonDefaults
{
    /// <summary>camelCase on the wire, as API-v1 specifies.</summary>
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static readonly JsonSerializerOptions Report = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
