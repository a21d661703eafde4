using System.CommandLine;
using Client.Cli;
using Client.Jobs;
using Grains.Interfaces.Jobs;
using Spectre.Console;

namespace Client.Commands;

/// <summary>
/// `client job --set architect "a serverless photo-sharing app"`: submits a job through the silo's HTTP API,
/// shows a live bar per tool while it runs, then a table of the tools and the job's makespan.
/// </summary>
internal sealed class JobCommand : Command
{
    private const int RedirectedWidth = 200;

    private readonly GlobalOptions _global;
    private readonly Argument<string?> _text = new("text")
    {
        Description = "The input of the set's one required field (architect: description, slides: slide).",
        Arity = ArgumentArity.ZeroOrOne,
    };
    private readonly Option<string> _set = new("--set") { Description = "Tool set to run, e.g. architect or slides.", Required = true };
    private readonly Option<string[]> _input = new("--input", "-i") { Description = "An input field as field=value; repeatable.", HelpName = "field=value" };
    private readonly Option<string?> _mode = new("--mode") { Description = "parallel (default) or sequential." };
    private readonly Option<int?> _maxConcurrency = new("--max-concurrency")
    {
        Description = "Most tools running at once (default: the silo's Jobs:DefaultMaxConcurrency).",
        // A parser rather than a validator: a validator reading a value that does not convert ("abc") throws.
        CustomParser = result =>
        {
            if (int.TryParse(result.Tokens[0].Value, out var cap) && cap >= 1)
            {
                return cap;
            }
            result.AddError($"--max-concurrency must be a whole number of at least 1, not '{result.Tokens[0].Value}'.");
            return null;
        },
    };
    private readonly Option<string?> _apiKey = new("--api-key") { Description = "API key (default: the CLUSTER_API_KEY environment variable)." };

    public JobCommand(GlobalOptions global)
        : base("job", "Run a tool set as a job and follow its tools live.")
    {
        _global = global;
        _mode.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is not (null or "parallel" or "sequential") and var mode)
            {
                result.AddError($"--mode must be parallel or sequential, not '{mode}'.");
            }
        });
        Add(_text);
        Add(_set);
        Add(_input);
        Add(_mode);
        Add(_maxConcurrency);
        Add(_apiKey);
        SetAction((parse, cancellationToken) => ErrorReporter.RunAsync(token => RunAsync(parse, token), cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var set = parse.GetRequiredValue(_set);
        var submission = new JobSubmission(
            set, JobInput.Build(set, parse.GetValue(_text), parse.GetValue(_input) ?? []), parse.GetValue(_mode), parse.GetValue(_maxConcurrency));
        var apiKey = parse.GetValue(_apiKey) ?? Environment.GetEnvironmentVariable("CLUSTER_API_KEY");
        using var api = new JobsApi(parse.GetRequiredValue(_global.Silo), apiKey);
        var console = ConsoleFactory.Create();
        if (Console.IsOutputRedirected)
        {
            // A file has no width; Spectre would assume 80 columns and wrap the progress lines mid-sentence.
            console.Profile.Width = RedirectedWidth;
        }
        string? id = null;
        try
        {
            id = await api.SubmitAsync(submission, cancellationToken);
            var job = await api.GetAsync(id, cancellationToken);
            var pace = job.Mode == JobMode.Sequential ? "one at a time" : $"parallel, at most {job.MaxConcurrency} at once";
            console.WriteLine($"job {id}: {job.Tools.Count} tools of set '{set}', {pace}");
            // Live bars need a terminal; redirected output gets lines that read well in a file.
            IJobProgressView view = Console.IsOutputRedirected ? new PlainJobProgress(console) : new LiveJobProgress(console);
            await view.FollowAsync(job.Tools, api.EventsAsync(id, cancellationToken), cancellationToken);
            var finished = await api.GetAsync(id, cancellationToken);
            JobSummary.Write(console, finished);
            if (finished.Status == JobStatus.Completed)
            {
                return ExitCodes.Success;
            }
            var unfinished = finished.Tools.Where(t => t.Status != ToolStatus.Succeeded).Select(t => $"{t.Tool} {t.Status}");
            ErrorReporter.Write($"job {id} ended {finished.Status}: {string.Join(", ", unfinished)}.");
            return ExitCodes.Failure;
        }
        catch (JobApiException exception)
        {
            ErrorReporter.Write(exception.Message);
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && id is not null)
        {
            // Ctrl+C stops the watching, not the job: say where to find it again.
            Console.Error.WriteLine($"job {id} goes on in the cluster: GET /v1/jobs/{id}, DELETE /v1/jobs/{id} to cancel it.");
            throw;
        }
    }
}
