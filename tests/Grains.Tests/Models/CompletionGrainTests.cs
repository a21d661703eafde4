using Grains.Interfaces.Models;
using Grains.Tests.Infrastructure;
using Runtime.Client;

namespace Grains.Tests.Models;

public sealed class CompletionGrainTests
{
    [Fact]
    public async Task A_client_in_another_process_streams_an_answer_through_the_model_layer()
    {
        await using var silo = await ModelSilo.StartAsync(new Dictionary<string, string?> { ["Models:a:Provider"] = "scripted" });
        silo.Scripted.For("a").Then(Infrastructure.ScriptedStep.Answer("warm ", "answer"));
        await using var client = await ClusterClient.ConnectAsync(silo.Silo.ApiUrl);

        var chunks = await client.GetGrain<ICompletionGrain>("any")
            .Stream(new CompletionRequest("a", [new ChatTurn("user", "hi")], MaxTokens: 20)).ToListAsync();

        Assert.Equal(["warm ", "answer"], chunks.Where(c => c.Text is not null).Select(c => c.Text));
        Assert.Equal("a", chunks[^1].Summary!.Model);
        Assert.Equal("hi", silo.Scripted.For("a").Calls.Single().Single().Text);
    }

    [Fact]
    public async Task A_non_streaming_completion_returns_the_whole_text_and_its_summary()
    {
        await using var silo = await ModelSilo.StartAsync(new Dictionary<string, string?> { ["Models:a:Provider"] = "scripted" });
        silo.Scripted.For("a").Then(Infrastructure.ScriptedStep.Answer("all ", "at ", "once"));

        var result = await silo.Grains.GetGrain<ICompletionGrain>("any").Complete(new CompletionRequest("a", [new ChatTurn("user", "hi")]));

        Assert.Equal("all at once", result.Text);
        Assert.Equal(1, result.Summary.Attempts);
    }
}
