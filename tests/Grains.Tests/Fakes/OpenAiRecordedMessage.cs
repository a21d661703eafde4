namespace Grains.Tests.Fakes;

/// <summary>One entry of a request's messages array, text parts joined.</summary>
public sealed record OpenAiRecordedMessage(string Role, string Content);
