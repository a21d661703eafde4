using Grains.Models.Configuration;
using Grains.Models.Providers.OpenAI;
using Grains.Tests.Fakes;
using Microsoft.Extensions.AI;

namespace Grains.Tests.Models.Providers.OpenAI;

/// <summary>Builds clients the way the silo will: through the provider, from ModelOptions.</summary>
internal static class OpenAiTestClients
{
    public const string ApiKey = "sk-test-0123456789abcdef";

    public static IChatClient Create(OpenAiFakeServer server, string modelId = "gpt-4o-mini", string? model = null, string? apiKey = ApiKey) =>
        new OpenAiModelProvider().CreateClient(modelId, new ModelOptions
        {
            Provider = "openai",
            Endpoint = server.Endpoint.ToString(),
            ApiKey = apiKey,
            Model = model,
        });

    public static List<ChatMessage> Question(string text = "What is the capital of France?") =>
    [
        new(ChatRole.System, "You are terse."),
        new(ChatRole.User, text),
    ];
}
