using System.Text.Json;

namespace Client.Bench;

/// <summary>Every bench command ends with one JSON object on its last line, for scripts and the README's tables.</summary>
internal static class BenchJson
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static void WriteLastLine(object result) => Console.Out.WriteLine(Serialize(result));

    /// <summary>The line <see cref="WriteLastLine"/> writes: snake_case names, one line.</summary>
    public static string Serialize(object result) => JsonSerializer.Serialize(result, Options);

    public static double Round(double value, int digits = 3) => Math.Round(value, digits);

    public static double? Round(double? value, int digits = 3) => value is { } v ? Math.Round(v, digits) : null;
}
