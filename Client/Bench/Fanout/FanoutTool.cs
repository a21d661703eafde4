namespace Client.Bench.Fanout;

/// <summary>An LLM tool of the bench's tool sets: its model, its output cap (which sets its duration) and its input field.</summary>
internal sealed record FanoutTool(string Name, string Model, int MaxTokens, string Field, string Prompt);
