namespace Silo.Dashboard;

/// <summary>The dashboard: one HTML page with its script and styles inline, embedded in the silo's assembly.</summary>
internal static class DashboardPage
{
    private const string ResourceName = "Silo.Dashboard.dashboard.html";

    private static readonly Lazy<string> Html = new(() =>
    {
        using var stream = typeof(DashboardPage).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The silo was built without its dashboard ({ResourceName}).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static string Content => Html.Value;
}
