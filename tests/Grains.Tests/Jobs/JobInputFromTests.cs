using Grains.Interfaces.Jobs;
using Grains.Models.Providers;
using Grains.Tests.Infrastructure;
using static Grains.Tests.Jobs.JobConfig;

namespace Grains.Tests.Jobs;

/// <summary>Tools:&lt;name&gt;:InputFrom: validate_template runs after build_cfn_template of its group and checks its output.</summary>
public sealed class JobInputFromTests
{
    private const string ValidYaml = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n";

    private readonly TestClock _clock = new();

    private static Dictionary<string, string> Describe(string description) => new() { ["description"] = description };

    [Fact]
    public async Task Validate_template_waits_for_build_cfn_template_and_checks_its_output()
    {
        await using var silo = await JobSilo.StartAsync(new JobConfig().Scripted("cfn").TemplateTools("cfn").Settings, _clock);
        silo.Scripted.For("cfn").Then(ScriptedStep.Answer(EchoModelProvider.Tokens(ValidYaml).ToArray()));
        var job = silo.Job("template");

        // Listed first and with a single slot: it must still wait for its upstream without holding the slot.
        await job.Start(new JobSpec([Call("validate_template", Describe("a static site")), Call("build_cfn_template", Describe("a static site"))], JobMode.Parallel, MaxConcurrency: 1));
        await using var events = JobEventLog.Follow(job);
        var all = await events.UntilEndAsync();

        var view = (await job.Get())!;
        Assert.Equal(JobStatus.Completed, view.Status);
        Assert.Equal(ValidYaml, view.Tools[1].Output);
        Assert.Equal("valid: the template is well-formed and declares Resources.", view.Tools[0].Output);
        var upstreamFinished = all.Single(e => e.Type == JobEventType.ToolFinished && e.ToolIndex == 1).Sequence;
        var downstreamStarted = all.Single(e => e.Type == JobEventType.ToolStarted && e.ToolIndex == 0).Sequence;
        Assert.True(downstreamStarted > upstreamFinished, JobEventLog.Describe(all));
        var prompt = Assert.Single(silo.Scripted.For("cfn").Calls)[^1].Text;
        Assert.Equal("Write a CloudFormation template in YAML for: a static site.", prompt);
    }

    [Fact]
    public async Task An_invalid_template_from_upstream_is_reported_by_the_validator_not_treated_as_a_failure()
    {
        await using var silo = await JobSilo.StartAsync(new JobConfig().Scripted("cfn").TemplateTools("cfn").Settings, _clock);
        silo.Scripted.For("cfn").Then(ScriptedStep.Answer("Sure! Here is your template:\n", "\tBucket: x\n"));
        var job = silo.Job("bad-template");

        await job.Start(Parallel(Call("build_cfn_template", Describe("x")), Call("validate_template", Describe("x"))));
        await using var events = JobEventLog.Follow(job);
        await events.UntilEndAsync();

        var view = (await job.Get())!;
        Assert.Equal(JobStatus.Completed, view.Status);
        Assert.StartsWith("invalid: ", view.Tools[1].Output);
        Assert.Contains("line 2 uses a tab", view.Tools[1].Output);
        Assert.Contains("no top-level Resources", view.Tools[1].Output);
    }

    [Fact]
    public async Task When_build_cfn_template_fails_validate_template_fails_clearly_without_running()
    {
        await using var silo = await JobSilo.StartAsync(new JobConfig().Scripted("cfn").TemplateTools("cfn").Settings, _clock);
        silo.Scripted.For("cfn").Then(ScriptedStep.Fail(ModelErrorKind.Permanent));
        var job = silo.Job("upstream-failed");

        await job.Start(Parallel(Call("build_cfn_template", Describe("x")), Call("validate_template", Describe("x"))));
        await using var events = JobEventLog.Follow(job);
        var all = await events.UntilEndAsync();

        var view = (await job.Get())!;
        Assert.Equal(JobStatus.Failed, view.Status);
        Assert.Equal(ToolStatus.Failed, view.Tools[0].Status);
        Assert.Equal(ToolStatus.Failed, view.Tools[1].Status);
        Assert.Equal("'validate_template' needs the output of 'build_cfn_template', which ended Failed.", view.Tools[1].Error);
        Assert.Null(view.Tools[1].Output);
        Assert.DoesNotContain(all, e => e.Type == JobEventType.ToolStarted && e.ToolIndex == 1);
        Assert.Equal(view.Tools[1].Error, all.Single(e => e.Type == JobEventType.ToolFinished && e.ToolIndex == 1).Error);
    }

    [Fact]
    public async Task Each_input_group_validates_its_own_template()
    {
        // build_cfn_template echoes its description, so each group's template is exactly what the test says.
        await using var silo = await JobSilo.StartAsync(new JobConfig().Echo().TemplateTools("echo", prompt: "{{description}}").Settings, _clock);
        var job = silo.Job("groups");
        var json = """{"AWSTemplateFormatVersion": "2010-09-09"}""";

        await job.Start(Parallel(
            Call("build_cfn_template", Describe(ValidYaml), group: 0), Call("validate_template", Describe(ValidYaml), group: 0),
            Call("build_cfn_template", Describe(json), group: 1), Call("validate_template", Describe(json), group: 1)));
        await using var events = JobEventLog.Follow(job);
        await events.UntilEndAsync();

        var view = (await job.Get())!;
        Assert.Equal(JobStatus.Completed, view.Status);
        Assert.Equal(ValidYaml, view.Tools[0].Output);
        Assert.Equal("valid: the template is well-formed and declares Resources.", view.Tools[1].Output);
        Assert.Equal(json, view.Tools[2].Output);
        Assert.Equal("invalid: no top-level Resources", view.Tools[3].Output);
    }
}
