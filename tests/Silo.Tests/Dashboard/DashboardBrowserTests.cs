using System.Text.Json;
using Microsoft.Playwright;
using Silo.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Silo.Tests.Infrastructure.ApiCalls;

namespace Silo.Tests.Dashboard;

/// <summary>
/// The dashboard in a real browser against a real silo process: after some chat completions it shows both models,
/// a non-zero request count and live charts; a read-out that fails shows as an error on its own panel. The
/// screenshot lands in the test output's artifacts/dashboard.png.
/// </summary>
public sealed class DashboardBrowserTests
{
    private const string AdminKey = "sk-dashboard-admin-2468";
    private const string TenantKey = "sk-dashboard-tenant-1357";

    // Pixels of the requests/s line (#58a6ff), give or take antialiasing.
    private const string SeriesPixels = """
        id => {
          const c = document.getElementById(id), d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
          let painted = 0, line = 0;
          for (let i = 0; i < d.length; i += 4) {
            if (d[i + 3] > 0) painted++;
            if (d[i + 3] > 200 && Math.abs(d[i] - 0x58) < 30 && Math.abs(d[i + 1] - 0xa6) < 30 && Math.abs(d[i + 2] - 0xff) < 30) line++;
          }
          return [painted, line];
        }
        """;

    public static string ScreenshotPath => Path.Combine(AppContext.BaseDirectory, "artifacts", "dashboard.png");

    [Fact(Timeout = 180_000)]
    public async Task After_traffic_the_dashboard_shows_models_requests_and_a_drawn_chart()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempDirectory();
        await using var silo = await SiloProcess.StartAsync(data.Combine("grains.db"), ct, arguments:
        [
            .. InstantModels.Arguments,
            $"--Auth:Keys:{AdminKey}:Tenant=ops", $"--Auth:Keys:{AdminKey}:Admin=true", $"--Auth:Keys:{TenantKey}:Tenant=tenant",
        ]);
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };
        await SendAsync(http, 12, ct);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        var pageErrors = new List<string>();
        page.PageError += (_, error) => pageErrors.Add(error);

        // Traffic keeps flowing while the page polls, so the charts plot a live rate.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var traffic = KeepSendingAsync(http, stop.Token);
        try
        {
            await page.GotoAsync(new Uri(silo.BaseAddress, "/dashboard?key=" + AdminKey).ToString());

            await Expect(page.Locator("#models-body tr[data-model='sim-large']")).ToBeVisibleAsync(new() { Timeout = 20_000 });
            await Expect(page.Locator("#models-body tr[data-model='sim-small']")).ToBeVisibleAsync();
            await page.WaitForFunctionAsync("() => Number(document.getElementById('stat-requests').textContent.replace(/,/g, '')) > 0", null, new() { Timeout = 20_000 });
            await page.WaitForFunctionAsync("() => Number(document.getElementById('chart-rps').dataset.points) >= 3", null, new() { Timeout = 20_000 });
            await Expect(page.Locator("#silos-body")).ToContainTextAsync("active");
            await Expect(page.Locator("#grain-types")).ToContainTextAsync("IModelGrain");
            await Expect(page.Locator("#cache-hit-rate")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+(\.\d)?%$"));
            await Expect(page.Locator("#jobs-in-flight")).ToHaveTextAsync("0");
        }
        finally
        {
            await stop.CancelAsync();
            await traffic;
        }

        var requests = double.Parse((await page.Locator("#stat-requests").TextContentAsync())!.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(requests >= 12, $"the page shows {requests} requests");
        Assert.Contains("closed", (await page.Locator("#models-body tr[data-model='sim-small']").TextContentAsync())!);
        var pixels = await page.EvaluateAsync<int[]>(SeriesPixels, "chart-rps");
        Assert.True(pixels[0] > 1000 && pixels[1] > 30, $"the requests/s chart looks blank: {pixels[0]} painted pixels, {pixels[1]} of the series colour");
        Assert.Equal(0, await page.Locator(".panel-error.error").CountAsync());
        Assert.Empty(pageErrors);

        Directory.CreateDirectory(Path.GetDirectoryName(ScreenshotPath)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath, FullPage = true });
        Assert.True(new FileInfo(ScreenshotPath).Length > 10_000, $"the screenshot at {ScreenshotPath} is suspiciously small");
        TestContext.Current.SendDiagnosticMessage($"dashboard screenshot: {ScreenshotPath}");
    }

    [Fact(Timeout = 120_000)]
    public async Task Without_a_key_it_asks_for_one_and_a_failing_readout_shows_on_its_panel()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempDirectory();
        await using var silo = await SiloProcess.StartAsync(data.Combine("grains.db"), ct, arguments:
        [
            .. InstantModels.Arguments,
            $"--Auth:Keys:{AdminKey}:Tenant=ops", $"--Auth:Keys:{AdminKey}:Admin=true", $"--Auth:Keys:{TenantKey}:Tenant=tenant",
        ]);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        // The cache read-out breaks; everything else must still render.
        await page.RouteAsync("**/api/v1/cache-stats", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 500,
            ContentType = "application/json",
            Body = JsonSerializer.Serialize(new { error = new { message = "cache read-out exploded" } }),
        }));
        await page.GotoAsync(new Uri(silo.BaseAddress, "/dashboard").ToString());

        // No key: every panel says why, and the page asks for a key.
        await Expect(page.Locator("#key-form")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(page.Locator("#panel-models .panel-error")).ToContainTextAsync("401");
        // A tenant key is not enough for the dashboard's own read-outs.
        await page.FillAsync("#key-input", TenantKey);
        await page.ClickAsync("#key-form button");
        await Expect(page.Locator("#panel-summary .panel-error")).ToContainTextAsync("403", new() { Timeout = 20_000 });
        await Expect(page.Locator("#key-reason")).ToContainTextAsync("not an admin key");

        await page.FillAsync("#key-input", AdminKey);
        await page.ClickAsync("#key-form button");
        await Expect(page.Locator("#models-body tr[data-model='sim-small']")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(page.Locator("#panel-summary .panel-error")).ToBeEmptyAsync();
        await Expect(page.Locator("#panel-cache .panel-error")).ToContainTextAsync("500 cache read-out exploded", new() { Timeout = 20_000 });
        await Expect(page.Locator("#key-form")).ToBeHiddenAsync();
    }

    private static async Task SendAsync(HttpClient http, int count, CancellationToken ct)
    {
        for (var i = 0; i < count; i++)
        {
            await CompleteAsync(http, UserMessage($"dashboard {i} {Guid.NewGuid():N}", i % 3 == 0 ? "sim-large" : "sim-small"), null, ct, TenantKey);
        }
    }

    private static async Task KeepSendingAsync(HttpClient http, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await SendAsync(http, 1, ct);
                await Task.Delay(50, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopped by the test.
        }
    }
}
