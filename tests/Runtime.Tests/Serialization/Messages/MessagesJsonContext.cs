using System.Text.Json;
using System.Text.Json.Serialization;

namespace Runtime.Tests.Serialization.Messages;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Invoice))]
public sealed partial class MessagesJsonContext : JsonSerializerContext;
