using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Client.Cli;
using Client.Http;

namespace Client.Commands;

/// <summary>`client chat "message"`: streams the answer to the terminal as it arrives, through the silo's HTTP API.</summary>
internal sealed class ChatCommand : Command
{
    private readonly GlobalOptions _global;
    private readonly Argument<string> _message = new("message") { Description = "What to say." };
    private readonly Option<string?> _session = new("--session", "-s") { Description = "Session id: the silo keeps the conversation's history." };
    private readonly Option<string> _model = new("--model", "-m") { Description = "Model id, or auto.", DefaultValueFactory = _ => "auto" };
    private readonly Option<string?> _apiKey = new("--api-key") { Description = "API key (default: the CLUSTER_API_KEY environment variable)." };

    public ChatCommand(GlobalOptions global)
        : base("chat", "Send a message and stream the answer.")
    {
        _global = global;
        Add(_message);
        Add(_session);
        Add(_model);
        Add(_apiKey);
        _message.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
            {
                result.AddError("The message must not be empty.");
            }
        });
        SetAction((parse, cancellationToken) => ErrorReporter.RunAsync(token => RunAsync(parse, token), cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var silo = new Uri(parse.GetRequiredValue(_global.Silo).TrimEnd('/') + "/");
        var session = parse.GetValue(_session);
        var model = parse.GetRequiredValue(_model);
        var message = parse.GetRequiredValue(_message);
        using var http = new HttpClient { BaseAddress = silo, Timeout = Timeout.InfiniteTimeSpan };
        if ((parse.GetValue(_apiKey) ?? Environment.GetEnvironmentVariable("CLUSTER_API_KEY")) is { Length: > 0 } key)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        var (path, body) = session is null
            ? ("v1/chat/completions", JsonSerializer.Serialize(new { model, stream = true, stream_options = new { include_usage = true }, messages = new[] { new { role = "user", content = message } } }))
            : ($"v1/sessions/{Uri.EscapeDataString(session)}/messages", JsonSerializer.Serialize(new { model, content = message }));
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new Runtime.Hosting.SiloUnavailableException($"Cannot reach a silo at {silo}: {exception.Message}", exception);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                ErrorReporter.Write(ApiError.Describe((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken)));
                return ExitCodes.Failure;
            }
            var footer = await PrintStreamAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken);
            Console.Out.WriteLine();
            if (footer.Error is not null)
            {
                ErrorReporter.Write(footer.Error);
                return ExitCodes.Failure;
            }
            if (footer.Summary is not null)
            {
                // On stderr, so that piping stdout captures only the answer.
                Console.Error.WriteLine(footer.Summary);
            }
        }
        return ExitCodes.Success;
    }

    private static async Task<(string? Summary, string? Error)> PrintStreamAsync(Stream stream, CancellationToken cancellationToken)
    {
        string? summary = null;
        await foreach (var (name, data) in SseReader.ReadAsync(stream, cancellationToken))
        {
            if (data == "[DONE]")
            {
                break;
            }
            using var json = JsonDocument.Parse(data);
            var root = json.RootElement;
            if (name == "error" || root.TryGetProperty("error", out _))
            {
                return (summary, ApiError.Describe(0, data)[3..]);
            }
            if (name == "token")
            {
                Console.Out.Write(root.GetProperty("text").GetString());
            }
            else if (name == "done")
            {
                summary = Summarize(root.GetProperty("model").GetString(), root.GetProperty("timings"));
            }
            else if (root.TryGetProperty("choices", out var choices) && choices.GetArrayLength() > 0
                && choices[0].GetProperty("delta").TryGetProperty("content", out var content))
            {
                Console.Out.Write(content.GetString());
            }
            else if (root.TryGetProperty("server_timing", out var timing))
            {
                summary = Summarize(root.GetProperty("model").GetString(), timing);
            }
            await Console.Out.FlushAsync(cancellationToken);
        }
        return (summary, null);
    }

    private static string Summarize(string? model, JsonElement timings)
    {
        double Get(string name) => timings.TryGetProperty(name, out var value) ? value.GetDouble() : 0;
        return $"{model}: first token {Get("model_ttft_ms"):0} ms, model {Get("model_ms"):0} ms, persistence {Get("persistence_ms"):0} ms, total {Get("total_ms"):0} ms";
    }
}
