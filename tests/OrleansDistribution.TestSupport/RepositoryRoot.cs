namespace OrleansDistribution.TestSupport;

/// <summary>The checkout the tests were built from: the folder holding OrleansDistribution.sln above the test output.</summary>
public static class RepositoryRoot
{
    /// <summary>The repository root's full path.</summary>
    public static string Path { get; } = Find();

    /// <summary>A path inside the repository, from its parts (e.g. "docs", "schemas").</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "OrleansDistribution.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("OrleansDistribution.sln not found above the test output.");
    }
}
