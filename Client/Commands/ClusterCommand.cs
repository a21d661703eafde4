using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;
using Client.Cli;
using Client.Http;
using Spectre.Console;

namespace Client.Commands;

/// <summary>`client cluster`: the silos, their status and their activations by grain type.</summary>
internal sealed class ClusterCommand : Command
{
    private readonly GlobalOptions _global;
    private readonly Option<string?> _apiKey = new("--api-key") { Description = "API key (default: the CLUSTER_API_KEY environment variable)." };

    public ClusterCommand(GlobalOptions global)
        : base("cluster", "Show the cluster's silos, their status and activations by grain type.")
    {
        _global = global;
        Add(_apiKey);
        SetAction((parse, cancellationToken) => ErrorReporter.RunAsync(token => RunAsync(parse, token), cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var silo = new Uri(parse.GetRequiredValue(_global.Silo).TrimEnd('/') + "/");
        using var http = new HttpClient { BaseAddress = silo, Timeout = TimeSpan.FromSeconds(10) };
        if ((parse.GetValue(_apiKey) ?? Environment.GetEnvironmentVariable("CLUSTER_API_KEY")) is { Length: > 0 } key)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync("api/v1/silos", cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new Runtime.Hosting.SiloUnavailableException($"Cannot reach a silo at {silo}: {exception.Message}", exception);
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                ErrorReporter.Write(ApiError.Describe((int)response.StatusCode, body));
                return ExitCodes.Failure;
            }
            using var json = JsonDocument.Parse(body);
            var table = new Table().AddColumns("silo", "endpoint", "status", "activations", "by grain type");
            foreach (var entry in json.RootElement.GetProperty("silos").EnumerateArray())
            {
                var report = entry.GetProperty("report");
                var byType = string.Join(", ", report.GetProperty("activationsByType").EnumerateObject().OrderByDescending(p => p.Value.GetInt32()).Select(p => $"{p.Name} {p.Value.GetInt32()}"));
                var error = entry.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? $" (unreachable: {e.GetString()})" : "";
                table.AddRow(Markup.Escape(report.GetProperty("name").GetString() ?? ""), Markup.Escape(report.GetProperty("endpoint").GetString() ?? ""),
                    Markup.Escape(report.GetProperty("status").GetString() ?? ""), report.GetProperty("activations").GetInt32().ToString(), Markup.Escape(byType + error));
            }
            ConsoleFactory.Create().Write(table);
        }
        return ExitCodes.Success;
    }
}
