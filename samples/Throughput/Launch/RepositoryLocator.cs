namespace Throughput.Launch;

/// <summary>Finds the repository root (the folder holding OrleansDistribution.sln) for <c>--launch</c>.</summary>
internal static class RepositoryLocator
{
    private const string Solution = "OrleansDistribution.sln";

    /// <summary>The given root, or the first folder upwards from the working directory or this program that holds the solution.</summary>
    public static string? Find(string? given)
    {
        if (given is not null)
        {
            return File.Exists(Path.Combine(given, Solution)) ? Path.GetFullPath(given) : null;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, Solution)))
                {
                    return directory.FullName;
                }
            }
        }

        return null;
    }
}
