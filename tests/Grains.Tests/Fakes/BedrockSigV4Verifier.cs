using System.Globalization;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Grains.Tests.Fakes;

/// <summary>
/// Checks a request's SigV4 signature the way AWS does: recomputes it from the method, URL, body, signing
/// time and the known secret, and compares. Returns why it failed, or null when it is valid.
/// </summary>
public static class BedrockSigV4Verifier
{
    public static string? Verify(HttpContext context, byte[] body, string accessKey, string secretKey, string? sessionToken, string region)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith($"AWS4-HMAC-SHA256 Credential={accessKey}/", StringComparison.Ordinal)
            || !authorization.Contains($"/{region}/bedrock/aws4_request", StringComparison.Ordinal))
        {
            return "missing or foreign SigV4 Authorization header";
        }
        if (sessionToken is not null && context.Request.Headers["X-Amz-Security-Token"] != sessionToken)
        {
            return "the session token was not sent";
        }
        if (!DateTime.TryParseExact(context.Request.Headers["X-Amz-Date"], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            return "missing X-Amz-Date";
        }
        // The client signed the URL it sent to: this listener's address and the path exactly as it was on the wire.
        var rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var uri = new Uri($"http://{context.Connection.LocalIpAddress}:{context.Connection.LocalPort}{rawTarget}");
        var expected = AWSSigV4Signer.Sign(
            new AWSSigningRequest { HttpMethod = HttpMethod.Post, RequestUri = uri, Content = body },
            new AWSSigV4Parameters
            {
                Credentials = sessionToken is null ? new BasicAWSCredentials(accessKey, secretKey) : new SessionAWSCredentials(accessKey, secretKey, sessionToken),
                Region = RegionEndpoint.GetBySystemName(region),
                Service = "bedrock",
                SignedAt = signedAt,
            });
        return expected.Headers["Authorization"] == authorization ? null : "the signature does not match";
    }
}
