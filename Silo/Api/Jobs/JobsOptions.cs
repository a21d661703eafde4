using System.ComponentModel.DataAnnotations;

namespace Silo.Api.Jobs;

/// <summary><c>Jobs</c>: defaults and limits of submitted jobs.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    [Range(1, 1000)]
    public int DefaultMaxConcurrency { get; set; } = 16;

    [Range(1, 10_000)]
    public int MaxCalls { get; set; } = 1000;
}
