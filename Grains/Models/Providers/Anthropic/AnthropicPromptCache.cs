using Anthropic.Models.Messages;
using Grains.Models.Providers.PromptCaching;
using Microsoft.Extensions.AI;

namespace Grains.Models.Providers.Anthropic;

/// <summary>
/// Places Anthropic prompt-cache breakpoints (<c>cache_control: {"type":"ephemeral"}</c>) through the SDK's own
/// IChatClient support: on the last tool definition when the tools reach the minimum, and on the last system
/// block when the prefix up to it (tools, then system) does. The caller's messages, contents, options and tools
/// are never changed: marked items are copies.
/// </summary>
/// <remarks>
/// The SDK's adapter sends the leading system messages, then <see cref="ChatOptions.Instructions"/>, as the
/// <c>system</c> blocks, and reads <see cref="AIContentCacheExtensions.WithCacheControl{T}(T, CacheControlEphemeral?)"/>
/// from a content and <c>AdditionalProperties["CacheControl"]</c> from a function tool.
/// </remarks>
public static class AnthropicPromptCache
{
    /// <summary>The key the SDK's adapter reads a tool's cache control from (<c>nameof(Tool.CacheControl)</c>).</summary>
    public const string ToolCacheControlKey = nameof(Tool.CacheControl);

    public static (IEnumerable<ChatMessage> Messages, ChatOptions? Options) Mark(IEnumerable<ChatMessage> messages, ChatOptions? options, int minTokens)
    {
        if (minTokens <= 0)
        {
            return (messages, options);
        }
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var leading = 0;
        while (leading < list.Count && list[leading].Role == ChatRole.System)
        {
            leading++;
        }
        var systemTexts = list.Take(leading).SelectMany(m => m.Contents.OfType<TextContent>()).ToList();
        var instructions = string.IsNullOrEmpty(options?.Instructions) ? null : options.Instructions;
        var toolTokens = PromptCacheSize.OfTools(options?.Tools);
        var systemTokens = PromptCacheSize.OfTexts(systemTexts.Select(t => t.Text).Append(instructions));
        // The SDK's GetCacheControl is internal in this version; WithCacheControl stores the value in AdditionalProperties.
        var alreadyMarked = systemTexts.Any(t => t.AdditionalProperties?.Values.Any(v => v is CacheControlEphemeral) == true);

        var markTools = PromptCacheSize.Reaches(toolTokens, minTokens) && LastMarkableTool(options?.Tools) >= 0;
        var markSystem = !alreadyMarked && systemTokens > 0 && PromptCacheSize.Reaches(toolTokens + systemTokens, minTokens);
        if (!markTools && !markSystem)
        {
            return (list, options);
        }

        var marked = options?.Clone();
        if (markTools)
        {
            var tools = options!.Tools!.ToList();
            var last = LastMarkableTool(tools);
            tools[last] = WithCacheControl((AIFunctionDeclaration)tools[last]);
            marked!.Tools = tools;
        }
        var result = list.ToList();
        if (markSystem && instructions is not null)
        {
            // The instructions are the last system block: send them as a marked system message in their place.
            marked!.Instructions = null;
            result.Insert(leading, new ChatMessage(ChatRole.System, [new TextContent(instructions).WithCacheControl(new CacheControlEphemeral())]));
        }
        else if (markSystem)
        {
            var index = leading - 1;
            while (!result[index].Contents.OfType<TextContent>().Any())
            {
                index--;
            }
            result[index] = WithCacheControlOnLastText(result[index]);
        }
        return (result, marked);
    }

    private static int LastMarkableTool(IEnumerable<AITool>? tools)
    {
        if (tools is null)
        {
            return -1;
        }
        var list = tools as IList<AITool> ?? tools.ToList();
        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (list[i] is AIFunctionDeclaration)
            {
                // A breakpoint the caller placed on the last function already covers the tools.
                return list[i].AdditionalProperties.ContainsKey(ToolCacheControlKey) ? -1 : i;
            }
        }
        return -1;
    }

    private static AITool WithCacheControl(AIFunctionDeclaration tool) => tool switch
    {
        AIFunction function => new CacheMarkedFunction(function),
        _ => new CacheMarkedDeclaration(tool),
    };

    private static ChatMessage WithCacheControlOnLastText(ChatMessage message)
    {
        var contents = message.Contents.ToList();
        var last = contents.FindLastIndex(c => c is TextContent);
        var text = (TextContent)contents[last];
        contents[last] = new TextContent(text.Text)
        {
            AdditionalProperties = text.AdditionalProperties?.Clone(),
            Annotations = text.Annotations,
        }.WithCacheControl(new CacheControlEphemeral());
        var copy = message.Clone();
        copy.Contents = contents;
        return copy;
    }

    private static IReadOnlyDictionary<string, object?> Marked(IReadOnlyDictionary<string, object?> properties)
    {
        var copy = properties.ToDictionary(p => p.Key, p => p.Value);
        copy[ToolCacheControlKey] = new CacheControlEphemeral();
        return copy;
    }

    private sealed class CacheMarkedFunction(AIFunction inner) : DelegatingAIFunction(inner)
    {
        public override IReadOnlyDictionary<string, object?> AdditionalProperties { get; } = Marked(inner.AdditionalProperties);
    }

    /// <summary>A declaration-only function (nothing to invoke); the library's delegating declaration is internal.</summary>
    private sealed class CacheMarkedDeclaration(AIFunctionDeclaration inner) : AIFunctionDeclaration
    {
        public override string Name => inner.Name;
        public override string Description => inner.Description;
        public override System.Text.Json.JsonElement JsonSchema => inner.JsonSchema;
        public override System.Text.Json.JsonElement? ReturnJsonSchema => inner.ReturnJsonSchema;
        public override IReadOnlyDictionary<string, object?> AdditionalProperties { get; } = Marked(inner.AdditionalProperties);

        public override object? GetService(System.Type serviceType, object? serviceKey = null) =>
            serviceKey is null && serviceType.IsInstanceOfType(this) ? this : inner.GetService(serviceType, serviceKey);
    }
}
