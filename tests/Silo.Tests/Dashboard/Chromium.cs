using Microsoft.Playwright;

namespace Silo.Tests.Dashboard;

/// <summary>
/// Debian's chromium, driven by Playwright. Playwright's own browser download is never used (the machines have no
/// internet); scripts/test.sh installs the package when it is missing, and without it the test fails saying so.
/// </summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
    ];

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        Assert.True(File.Exists(ExecutablePath),
            $"Chromium is not installed at {ExecutablePath}; the dashboard test needs it. Install it with " +
            "`apt-get update && apt-get install -y chromium` (scripts/test.sh does this when it is missing).");
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true, Args = Args });
    }
}
