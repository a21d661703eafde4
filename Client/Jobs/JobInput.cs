namespace Client.Jobs;

/// <summary>Builds a job's input fields from the positional text and the repeatable --input key=value pairs.</summary>
internal static class JobInput
{
    /// <exception cref="ArgumentException">The text has no field to go to, a pair is malformed, or there is no input.</exception>
    public static Dictionary<string, string> Build(string set, string? text, IEnumerable<string> pairs)
    {
        var input = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(text))
        {
            var field = ToolSetFields.SingleField(set)
                ?? throw new ArgumentException($"The client knows which field the text fills only for {ToolSetFields.Known}; for set '{set}' give its fields with --input field=value.");
            input[field] = text;
        }
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0)
            {
                throw new ArgumentException($"--input takes field=value, not '{pair}'.");
            }
            // Explicit fields win over the positional text: they are the more specific request.
            input[pair[..equals].Trim()] = pair[(equals + 1)..];
        }
        return input.Count > 0
            ? input
            : throw new ArgumentException("The job has no input: give the text (e.g. a description) or --input field=value.");
    }
}
