using System.Buffers;
using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using Runtime.Serialization;

namespace Benchmarks;

/// <summary>
/// What one copy of <see cref="EchoRecord"/> costs with the runtime's copier (serialize to a new byte[], then
/// deserialize, reflection-based metadata) against alternatives the runtime could use.
/// </summary>
[Config(typeof(BenchConfig))]
public class CopyBenchmarks
{
    private readonly GrainSerializer _runtime = new();
    private readonly GrainSerializer _sourceGenerated = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = BenchJsonContext.Default,
        Converters = { new JsonStringEnumConverter() },
    });
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly EchoRecord _record = EchoRecord.Sample();
    private Utf8JsonWriter _writer = null!;

    [GlobalSetup]
    public void Setup() => _writer = new Utf8JsonWriter(_buffer);

    [Benchmark(Baseline = true, Description = "runtime: GrainSerializer.Copy")]
    public EchoRecord? RuntimeCopy() => _runtime.Copy(_record);

    [Benchmark(Description = "same JSON, reused buffer + writer (no byte[] per copy)")]
    public EchoRecord? PooledBufferCopy()
    {
        var info = _runtime.Options.GetTypeInfo(typeof(EchoRecord));
        _buffer.ResetWrittenCount();
        _writer.Reset();
        JsonSerializer.Serialize(_writer, _record, info);
        return (EchoRecord?)JsonSerializer.Deserialize(_buffer.WrittenSpan, info);
    }

    [Benchmark(Description = "GrainSerializer.Copy with source-generated metadata")]
    public EchoRecord? SourceGeneratedCopy() => _sourceGenerated.Copy(_record);

    [Benchmark(Description = "property-by-property copy driven by the same JsonTypeInfo (no text)")]
    public EchoRecord? MetadataCopy() => (EchoRecord?)MetadataCopier.Copy(_runtime.Options, _runtime.Options.GetTypeInfo(typeof(EchoRecord)), _record);

    [Benchmark(Description = "hand-written deep copy (what a generated copier does)")]
    public EchoRecord DeepCopy() => _record with { Tags = [.. _record.Tags] };
}

/// <summary>
/// Prototype of a copier that keeps JSON's member set (the same JsonTypeInfo: same properties, ignores, converters
/// decide nothing here) but never encodes text: objects via CreateObject and each property's Get/Set, lists
/// element by element, immutable values (primitives, strings) shared. Real code would fall back to the JSON
/// round trip for anything else (parameterized constructors, custom converters, dictionaries, polymorphism).
/// </summary>
internal static class MetadataCopier
{
    public static object? Copy(JsonSerializerOptions options, JsonTypeInfo info, object? value)
    {
        if (value is null || value is string || info.Type.IsPrimitive || info.Type.IsEnum)
        {
            return value;
        }
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object when info.CreateObject is not null:
                var copy = info.CreateObject();
                foreach (var property in info.Properties)
                {
                    if (property.Get is not null && property.Set is not null)
                    {
                        property.Set(copy, Copy(options, options.GetTypeInfo(property.PropertyType), property.Get(value)));
                    }
                }
                return copy;
            case JsonTypeInfoKind.Enumerable when info.CreateObject is not null && info.ElementType is not null && value is IList source:
                var list = (IList)info.CreateObject();
                var element = options.GetTypeInfo(info.ElementType);
                foreach (var item in source)
                {
                    list.Add(Copy(options, element, item));
                }
                return list;
            default:
                return JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(value, info), info);
        }
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(EchoRecord))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
