using System.Text;
using Microsoft.Extensions.AI;
using SdkChat = OpenAI.Chat;

namespace Grains.Models.Providers.OpenAI;

/// <summary>The SDK's completions and streaming chunks to Microsoft.Extensions.AI responses.</summary>
internal static class OpenAiResponseMapper
{
    public static ChatResponse ToChatResponse(SdkChat.ChatCompletion completion)
    {
        var message = new ChatMessage(ChatRole.Assistant, TextOf(completion.Content))
        {
            MessageId = completion.Id,
            CreatedAt = completion.CreatedAt,
        };
        return new ChatResponse(message)
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = completion.CreatedAt,
            FinishReason = ToFinishReason(completion.FinishReason),
            Usage = ToUsage(completion.Usage),
            RawRepresentation = completion,
        };
    }

    public static ChatResponseUpdate ToChatResponseUpdate(SdkChat.StreamingChatCompletionUpdate update)
    {
        var contents = new List<AIContent>();
        var text = TextOf(update.ContentUpdate);
        if (text.Length > 0)
        {
            contents.Add(new TextContent(text));
        }

        // OpenAI sends usage in its own chunk after the finish reason (choices empty); some compatible
        // servers put it on the finish chunk. Either way it rides on the update that carried it.
        if (ToUsage(update.Usage) is { } usage)
        {
            contents.Add(new UsageContent(usage));
        }

        return new ChatResponseUpdate(update.Role is null ? null : ChatRole.Assistant, contents)
        {
            ResponseId = update.CompletionId,
            MessageId = update.CompletionId,
            ModelId = update.Model,
            CreatedAt = update.CreatedAt,
            FinishReason = update.FinishReason is { } reason ? ToFinishReason(reason) : null,
            RawRepresentation = update,
        };
    }

    public static ChatFinishReason ToFinishReason(SdkChat.ChatFinishReason reason) => reason switch
    {
        SdkChat.ChatFinishReason.Stop => ChatFinishReason.Stop,
        SdkChat.ChatFinishReason.Length => ChatFinishReason.Length,
        SdkChat.ChatFinishReason.ContentFilter => ChatFinishReason.ContentFilter,
        SdkChat.ChatFinishReason.ToolCalls or SdkChat.ChatFinishReason.FunctionCall => ChatFinishReason.ToolCalls,
        _ => new ChatFinishReason(reason.ToString()),
    };

    public static UsageDetails? ToUsage(SdkChat.ChatTokenUsage? usage) => usage is null ? null : new UsageDetails
    {
        InputTokenCount = usage.InputTokenCount,
        OutputTokenCount = usage.OutputTokenCount,
        TotalTokenCount = usage.TotalTokenCount,
        // Passed through so budgets and metrics can see provider prompt caching and reasoning at work.
        CachedInputTokenCount = usage.InputTokenDetails?.CachedTokenCount,
        ReasoningTokenCount = usage.OutputTokenDetails?.ReasoningTokenCount,
    };

    private static string TextOf(SdkChat.ChatMessageContent? content)
    {
        if (content is null || content.Count == 0)
        {
            return string.Empty;
        }

        if (content.Count == 1)
        {
            return content[0].Text ?? string.Empty;
        }

        var text = new StringBuilder();
        foreach (var part in content)
        {
            if (part.Kind == SdkChat.ChatMessageContentPartKind.Text)
            {
                text.Append(part.Text);
            }
        }

        return text.ToString();
    }
}
