namespace Client.Bench.Hosting;

/// <summary>The repository the client was built from: where the silo's sources and the installed tools are.</summary>
internal static class RepositoryRoot
{
    /// <summary>The nearest directory above the client's build output that holds Silo/Silo.csproj, or null.</summary>
    public static string? Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Silo", "Silo.csproj")))
            {
                return directory.FullName;
            }
        }
        return null;
    }
}
