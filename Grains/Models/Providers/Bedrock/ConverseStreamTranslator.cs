using Grains.Models.Providers.Http;
using System.Text.Json;
using Amazon.Runtime.EventStreams;
using Microsoft.Extensions.AI;

namespace Grains.Models.Providers.Bedrock;

/// <summary>
/// Turns one ConverseStream frame into an update: text deltas, the stop reason, and usage (metadata).
/// Exception frames (<c>:message-type: exception</c>) become <see cref="ModelCallException"/>s.
/// </summary>
public static class ConverseStreamTranslator
{
    public static ChatResponseUpdate? Translate(EventStreamMessage frame, string modelId)
    {
        switch (AwsEventStreamReader.Header(frame, ":message-type"))
        {
            case "exception":
                throw BedrockErrors.FromStreamException(AwsEventStreamReader.Header(frame, ":exception-type"), MessageOf(frame.Payload));
            case "error":
                throw new ModelCallException(ModelErrorKind.Transient,
                    $"Bedrock stream error {AwsEventStreamReader.Header(frame, ":error-code")}: {AwsEventStreamReader.Header(frame, ":error-message")}");
        }
        if (frame.Payload is not { Length: > 0 } payload)
        {
            return null;
        }
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        switch (AwsEventStreamReader.Header(frame, ":event-type"))
        {
            case "contentBlockDelta" when root.TryGetProperty("delta", out var delta)
                && delta.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String:
                return new ChatResponseUpdate(ChatRole.Assistant, text.GetString()) { ModelId = modelId };
            case "messageStop":
                return new ChatResponseUpdate { Role = ChatRole.Assistant, ModelId = modelId, FinishReason = ConverseResponseReader.FinishReasonOf(root) ?? ChatFinishReason.Stop };
            case "metadata" when root.TryGetProperty("usage", out var usage):
                return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(ConverseResponseReader.UsageOf(usage))]) { ModelId = modelId };
            default:
                // messageStart, contentBlockStart/Stop and deltas that are not text carry nothing for a text client.
                return null;
        }
    }

    private static string? MessageOf(byte[]? payload)
    {
        if (payload is not { Length: > 0 })
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(payload);
            return ProviderErrorBody.Parse(document.RootElement).Message;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
