using System.Runtime.CompilerServices;
using System.Text;
using Grains.Interfaces.Jobs;
using Grains.Interfaces.Models;
using Grains.Models;
using Microsoft.Extensions.AI;
using Runtime;

namespace Grains.Tools;

/// <summary>
/// Runs one tool call: a code tool directly, an LLM tool through the model gateway (budgets, circuits, retries
/// and routing all apply) within the tool's timeout, reporting token counts as it goes.
/// </summary>
public sealed class ToolGrain(ToolCatalog catalog, ModelGateway gateway, TimeProvider time) : Grain, IToolGrain
{
    private const int ProgressEveryTokens = 8;

    public async IAsyncEnumerable<ToolProgress> Run(ToolRun run, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!catalog.TryGet(run.Tool, out var tool))
        {
            throw new ArgumentException($"There is no tool '{run.Tool}'.");
        }
        if (tool.Code is not null)
        {
            yield return new ToolProgress(0, null, catalog.CodeTool(tool.Code).Run(run.Input), Done: true);
            DeactivateOnIdle();
            yield break;
        }
        var prompt = PromptTemplate.Render(run.Tool, tool.Prompt!, run.Input);
        List<ChatMessage> messages = tool.System is null ? [] : [new ChatMessage(ChatRole.System, tool.System)];
        messages.Add(new ChatMessage(ChatRole.User, prompt));
        using var timeout = new CancellationTokenSource(tool.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var call = new ModelCallRequest
        {
            Model = tool.Model,
            Messages = messages,
            MaxTokens = tool.MaxTokens,
            Tenant = run.Tenant,
            Priority = RequestPriority.Batch,
        };
        var output = new StringBuilder();
        var tokens = 0;
        ModelCallSummary? summary = null;
        var updates = gateway.StreamAsync(call, linked.Token).GetAsyncEnumerator(linked.Token);
        await using (updates)
        {
            while (true)
            {
                try
                {
                    if (!await updates.MoveNextAsync())
                    {
                        break;
                    }
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw new ToolTimeoutException($"Tool '{run.Tool}' did not finish within {tool.Timeout.TotalSeconds:0.###} s.");
                }
                if (updates.Current.Summary is { } done)
                {
                    summary = done;
                    continue;
                }
                output.Append(updates.Current.Text);
                if (++tokens % ProgressEveryTokens == 0)
                {
                    yield return new ToolProgress(tokens, updates.Current.Model, null, Done: false);
                }
            }
        }
        yield return new ToolProgress(tokens, summary?.Model, output.ToString(), Done: true);
        DeactivateOnIdle();
    }
}
