using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Grains.Interfaces.Jobs;
using Grains.Jobs;
using Grains.Tools;
using Microsoft.Extensions.Options;
using Runtime;
using Silo.Api.Auth;
using Silo.Api.Errors;
using Silo.Api.OpenAi;
using Silo.Api.Sse;

namespace Silo.Api.Jobs;

internal static class JobsEndpointRouteBuilderExtensions
{
    // Event data names its enums (type, tool_status, job_status) as GET /v1/jobs/{id} does; the shared SSE writer
    // would send their ordinals, which a consumer can only decode from our source and which shift if an enum grows.
    private static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// <c>POST /v1/jobs</c> (202 with the id once the job is durable), <c>GET /v1/jobs/{id}</c>,
    /// <c>GET /v1/jobs/{id}/events</c> (SSE; <c>Last-Event-ID</c> or <c>?after=</c> resumes, earlier events are replayed)
    /// and <c>DELETE /v1/jobs/{id}</c> (cancels). Another tenant's job is 404.
    /// </summary>
    public static RouteGroupBuilder MapJobsApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/jobs", SubmitAsync);
        v1.MapGet("/jobs/{id}", async Task<IResult> (string id, HttpContext context, IGrainFactory grains) =>
            Job(grains, context, id) is { } job && await job.Get() is { } view ? TypedResults.Ok(view) : NotFound(id));
        v1.MapGet("/jobs/{id}/events", EventsAsync);
        v1.MapDelete("/jobs/{id}", async Task<IResult> (string id, HttpContext context, IGrainFactory grains) =>
        {
            var job = Job(grains, context, id);
            if (job is null || await job.Get() is null)
            {
                return NotFound(id);
            }
            return await job.Cancel()
                ? TypedResults.Accepted($"/v1/jobs/{id}", new { id, status = "cancelling" })
                : TypedResults.Conflict(OpenAiErrors.Body($"Job '{id}' has already finished.", "invalid_request_error", null, "job_finished"));
        });
        return v1;
    }

    private static async Task<IResult> SubmitAsync(HttpContext context, IGrainFactory grains, ToolCatalog catalog, IOptions<JobsOptions> options, IOptions<ApiOptions> api)
    {
        JobSpec spec;
        try
        {
            using var body = await RequestBody.ReadJsonAsync(context, api.Value.MaxRequestBytes);
            spec = JobRequestParser.Parse(body.RootElement, catalog, options.Value);
        }
        catch (ApiRequestException exception)
        {
            return ApiErrorMapping.ToResult(exception, context);
        }
        var id = $"job-{Guid.NewGuid():N}";
        var view = await Job(grains, context, id)!.Start(spec);
        return TypedResults.Accepted($"/v1/jobs/{id}", new { id, status = view.Status, tools = view.Tools.Count });
    }

    private static async Task<IResult> EventsAsync(string id, HttpContext context, IGrainFactory grains)
    {
        var job = Job(grains, context, id);
        if (job is null || await job.Get() is null)
        {
            return NotFound(id);
        }
        var after = int.TryParse(context.Request.Headers["Last-Event-ID"], out var lastSeen) ? lastSeen
            : int.TryParse(context.Request.Query["after"], out var requested) ? requested : 0;
        ServerSentEvents.Start(context.Response);
        var cancellation = context.RequestAborted;
        try
        {
            await foreach (var item in job.Events(after, cancellation))
            {
                await ServerSentEvents.WriteAsync(context.Response, EventName(item.Type), o => WriteEvent(o, item), cancellation, item.Sequence);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The subscriber left; the job goes on.
        }
        return TypedResults.Empty;
    }

    private static void WriteEvent(IBufferWriter<byte> output, JobEvent item)
    {
        using var writer = new Utf8JsonWriter(output);
        JsonSerializer.Serialize(writer, item, EventJson);
    }

    private static string EventName(JobEventType type) => type switch
    {
        JobEventType.JobStarted => "job.started",
        JobEventType.ToolStarted => "tool.started",
        JobEventType.ToolProgress => "tool.progress",
        JobEventType.ToolFinished => "tool.finished",
        _ => "job.finished",
    };

    /// <summary>The caller's job <paramref name="id"/>; null for an id no job can have, which is simply not found.</summary>
    private static IJobGrain? Job(IGrainFactory grains, HttpContext context, string id)
    {
        try
        {
            ChatTurnRunner.ValidSessionId(id);
        }
        catch (ApiRequestException)
        {
            return null;
        }
        return grains.GetGrain<IJobGrain>(JobKey.For(ApiCaller.Of(context).Tenant, id));
    }

    private static IResult NotFound(string id) => OpenAiErrors.NotFound($"No job '{id}'.", "job_not_found");
}
