using Grains.Models.Providers.Credentials;
using TestSupport;

namespace Grains.Tests.Models.Providers.Credentials;

public sealed class AwsRequestSignerTests
{
    [Fact]
    public async Task Signs_with_the_clock_the_region_the_service_and_the_session_token()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero));
        var credentials = new CachedAwsCredentials(new StaticAwsCredentialResolver("AKIDEXAMPLE", "secret", "token-1"), TimeSpan.FromMinutes(5), clock);
        var signer = new AwsRequestSigner(credentials, "ap-south-1", "bedrock", clock);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://bedrock-runtime.ap-south-1.amazonaws.com/model/m/converse")
        {
            Content = new StringContent("{}"),
        };

        await signer.SignAsync(request, CancellationToken.None);

        var authorization = request.Headers.GetValues("Authorization").Single();
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260304/ap-south-1/bedrock/aws4_request", authorization);
        Assert.DoesNotContain("secret", authorization);
        Assert.Equal("20260304T050607Z", request.Headers.GetValues("X-Amz-Date").Single());
        Assert.Equal("token-1", request.Headers.GetValues("X-Amz-Security-Token").Single());
        Assert.Equal("{}", await request.Content.ReadAsStringAsync());
    }
}
