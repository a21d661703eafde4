using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Client.Http;
using Grains.Interfaces.Jobs;
using Runtime.Hosting;

namespace Client.Jobs;

/// <summary>The silo's jobs API: submit (POST /v1/jobs), read (GET /v1/jobs/{id}), follow (GET /v1/jobs/{id}/events).</summary>
internal sealed class JobsApi : IDisposable
{
    // A dropped event stream is picked up again after the last event seen, waiting 0.5, 1, 2, 4 and 8 s: long
    // enough for a silo to restart, after which the job resumes where it was.
    private const int MaxReconnects = 5;
    private static readonly TimeSpan FirstReconnectDelay = TimeSpan.FromMilliseconds(500);

    private readonly HttpClient _http;
    private readonly Uri _silo;

    public JobsApi(string siloUrl, string? apiKey)
    {
        if (!Uri.TryCreate(siloUrl.TrimEnd('/') + "/", UriKind.Absolute, out var silo) || (silo.Scheme != Uri.UriSchemeHttp && silo.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{siloUrl}' is not a silo URL; expected something like http://127.0.0.1:8080.");
        }
        _silo = silo;
        // No timeout: the event stream lasts as long as the job.
        _http = new HttpClient { BaseAddress = _silo, Timeout = Timeout.InfiniteTimeSpan };
        if (!string.IsNullOrEmpty(apiKey))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
    }

    /// <summary>Submits the job and returns its id once the silo has recorded it.</summary>
    public async Task<string> SubmitAsync(JobSubmission submission, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/jobs") { Content = new StringContent(submission.ToJson(), Encoding.UTF8, "application/json") };
        using var response = await SendAsync(request, cancellationToken);
        using var json = JsonDocument.Parse(await ReadSuccessAsync(response, cancellationToken));
        return json.RootElement.GetProperty("id").GetString()!;
    }

    public async Task<JobView> GetAsync(string id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/jobs/{Uri.EscapeDataString(id)}");
        using var response = await SendAsync(request, cancellationToken);
        return JsonSerializer.Deserialize<JobView>(await ReadSuccessAsync(response, cancellationToken), JobJson.View)
            ?? throw new JobApiException($"the silo sent no view of job '{id}'.");
    }

    /// <summary>The job's events from the start until job.finished, resuming after the last one if the stream drops.</summary>
    public async IAsyncEnumerable<JobEvent> EventsAsync(string id, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = 0;
        var drops = 0;
        while (true)
        {
            string? lost = null;
            var stream = OpenEventsAsync(id, after, cancellationToken).GetAsyncEnumerator(cancellationToken);
            await using (stream)
            {
                while (true)
                {
                    try
                    {
                        if (!await stream.MoveNextAsync())
                        {
                            lost = "the silo closed it";
                            break;
                        }
                    }
                    catch (Exception exception) when (exception is HttpRequestException or IOException or SiloUnavailableException && !cancellationToken.IsCancellationRequested)
                    {
                        lost = exception.Message;
                        break;
                    }
                    drops = 0;
                    after = stream.Current.Sequence;
                    yield return stream.Current;
                    if (stream.Current.Type == JobEventType.JobFinished)
                    {
                        yield break;
                    }
                }
            }
            if (++drops > MaxReconnects)
            {
                throw new SiloUnavailableException($"Lost the event stream of job '{id}' ({lost}); the job may still be running: GET /v1/jobs/{id}.");
            }
            await Task.Delay(FirstReconnectDelay * Math.Pow(2, drops - 1), cancellationToken);
        }
    }

    private async IAsyncEnumerable<JobEvent> OpenEventsAsync(string id, int after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/jobs/{Uri.EscapeDataString(id)}/events?after={after}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            await ReadSuccessAsync(response, cancellationToken);
        }
        await foreach (var (_, data) in SseReader.ReadAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken))
        {
            yield return JsonSerializer.Deserialize<JobEvent>(data, JobJson.Event)!;
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new SiloUnavailableException($"Cannot reach a silo at {_silo}: {exception.Message}", exception);
        }
    }

    /// <summary>The body of a successful response; otherwise the API's error message as a <see cref="JobApiException"/>.</summary>
    private static async Task<string> ReadSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode ? body : throw new JobApiException(ApiError.Describe((int)response.StatusCode, body));
    }

    public void Dispose() => _http.Dispose();
}
