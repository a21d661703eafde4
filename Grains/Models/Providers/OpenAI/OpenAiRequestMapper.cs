using Microsoft.Extensions.AI;
using SdkChat = OpenAI.Chat;

namespace Grains.Models.Providers.OpenAI;

/// <summary>Microsoft.Extensions.AI messages and options to the SDK's request types (text only).</summary>
internal static class OpenAiRequestMapper
{
    public static List<SdkChat.ChatMessage> ToSdkMessages(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var mapped = new List<SdkChat.ChatMessage>();
        foreach (var message in messages)
        {
            mapped.Add(ToSdkMessage(message));
        }

        if (mapped.Count == 0)
        {
            throw new ArgumentException("At least one message is required.", nameof(messages));
        }

        return mapped;
    }

    public static SdkChat.ChatCompletionOptions ToSdkOptions(ChatOptions? options)
    {
        // A fresh instance per call: the SDK writes the messages, model and stream flag into it.
        var sdkOptions = new SdkChat.ChatCompletionOptions();
        if (options is null)
        {
            return sdkOptions;
        }

        sdkOptions.MaxOutputTokenCount = options.MaxOutputTokens;
        sdkOptions.Temperature = options.Temperature;
        sdkOptions.TopP = options.TopP;
        foreach (var stop in options.StopSequences ?? [])
        {
            sdkOptions.StopSequences.Add(stop);
        }

        return sdkOptions;
    }

    private static SdkChat.ChatMessage ToSdkMessage(ChatMessage message)
    {
        // Dropping an image or a tool result silently would change the question; refuse instead, as
        // Permanent, so routing can pick a provider that understands it.
        if (message.Contents.Any(c => c is not TextContent and not UsageContent))
        {
            throw Unsupported($"content of type {message.Contents.First(c => c is not TextContent and not UsageContent).GetType().Name}");
        }

        var text = message.Text;
        if (message.Role == ChatRole.System)
        {
            return new SdkChat.SystemChatMessage(text);
        }

        if (message.Role == ChatRole.User)
        {
            return new SdkChat.UserChatMessage(text);
        }

        if (message.Role == ChatRole.Assistant)
        {
            return new SdkChat.AssistantChatMessage(text);
        }

        throw Unsupported($"role '{message.Role}'");
    }

    private static ModelCallException Unsupported(string what) =>
        new(ModelErrorKind.Permanent, $"The OpenAI provider sends text messages with system, user and assistant roles only; got {what}.");
}
