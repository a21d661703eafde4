namespace Client.Jobs;

/// <summary>The jobs API refused a request (4xx/5xx); the message is the API's own, for the one error line.</summary>
internal sealed class JobApiException(string message) : Exception(message);
