namespace Grains.Models.Providers.Http;

/// <summary>
/// Turns a non-success HTTP response into a <see cref="ModelCallException"/> inside the SDK's handler
/// pipeline, because only here are the response headers (retry-after, x-amzn-ErrorType) still visible:
/// the Anthropic SDK's exceptions carry the status and body but not the headers.
/// </summary>
public sealed class ErrorResponseHandler(Func<HttpResponseMessage, string, ModelCallException> translate) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            string body;
            try
            {
                body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                // The status line already says what happened; a body lost to a dropped connection changes nothing.
                body = "";
            }
            throw translate(response, body);
        }
    }
}
