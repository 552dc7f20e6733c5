using System.Security.Cryptography;
using System.Text;

namespace OrleansDistribution.Hosting.Storage;

/// <summary>One embedded migration script.</summary>
/// <param name="Version">The numeric prefix of the file name, e.g. <c>0002</c>; scripts run in this order.</param>
/// <param name="Name">The file name without extension, e.g. <c>0002_orleans_clustering</c>.</param>
/// <param name="Sql">The script text.</param>
public sealed record SqlMigrationScript(string Version, string Name, string Sql)
{
    /// <summary>SHA-256 (hex) of the script text with normalised line endings, recorded with each applied version.</summary>
    public string Checksum { get; } = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));
}
