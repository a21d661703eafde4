using Grains.Models.Configuration;
using Grains.Models.Providers.OpenAI;
using Grains.Tests.Fakes;
using Microsoft.Extensions.AI;

namespace Grains.Tests.Models.Providers.OpenAI;

public sealed class OpenAiModelProviderTests
{
    private readonly OpenAiModelProvider _provider = new();

    [Fact]
    public void Serves_the_openai_provider_name() => Assert.Equal("openai", _provider.Name);

    [Fact]
    public void Missing_key_for_a_remote_endpoint_is_a_clear_error()
    {
        var options = new ModelOptions { Provider = "openai", Endpoint = "https://api.example.com/v1", ApiKey = " " };

        var error = Assert.Throws<ArgumentException>(() => _provider.CreateClient("gpt-4o-mini", options));

        Assert.Contains("Models:gpt-4o-mini:ApiKey is required", error.Message);
        Assert.Contains("loopback", error.Message);
    }

    [Fact]
    public void Missing_key_for_the_default_endpoint_is_a_clear_error()
    {
        var error = Assert.Throws<ArgumentException>(() => _provider.CreateClient("gpt-4o-mini", new ModelOptions { Provider = "openai" }));

        Assert.Contains("ApiKey is required", error.Message);
        Assert.Contains("api.openai.com", error.Message);
    }

    [Fact]
    public void Bad_endpoint_is_a_clear_error_that_echoes_neither_endpoint_nor_key()
    {
        const string key = "sk-secret-do-not-print";
        var options = new ModelOptions { Provider = "openai", Endpoint = "ftp://user:pw@host/v1", ApiKey = key };

        var error = Assert.Throws<ArgumentException>(() => _provider.CreateClient("gpt-4o-mini", options));

        Assert.Contains("Endpoint must be an absolute http or https URL", error.Message);
        Assert.DoesNotContain(key, error.ToString());
        Assert.DoesNotContain("pw", error.Message);
    }

    [Fact]
    public void Client_reports_its_model_and_endpoint()
    {
        var client = _provider.CreateClient("small", new ModelOptions { Provider = "openai", ApiKey = "k", Model = "gpt-4.1-nano" });

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("openai", metadata.ProviderName);
        Assert.Equal("gpt-4.1-nano", metadata.DefaultModelId);
        Assert.Equal(OpenAiModelProvider.DefaultEndpoint, metadata.ProviderUri);
    }

    [Fact]
    public async Task Loopback_endpoint_needs_no_key_and_gets_no_authorization_header()
    {
        await using var server = await OpenAiFakeServer.StartAsync();
        var client = OpenAiTestClients.Create(server, apiKey: null);

        var response = await client.GetResponseAsync(OpenAiTestClients.Question(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(OpenAiFakeBehavior.AnswerText(5), response.Text);
        Assert.Null(Assert.Single(server.Requests).Authorization);
    }

    [Fact]
    public async Task Endpoint_without_v1_posts_to_chat_completions_under_it()
    {
        await using var server = await OpenAiFakeServer.StartAsync();
        var root = server.Endpoint.GetLeftPart(UriPartial.Authority);
        var client = _provider.CreateClient("gpt-4o-mini", new ModelOptions { Provider = "openai", Endpoint = root, ApiKey = "k" });

        await client.GetResponseAsync(OpenAiTestClients.Question(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("/chat/completions", Assert.Single(server.Requests).Path);
    }
}
