using Grains.Interfaces.Models;
namespace Grains.Models;

public sealed record ModelCallResult(string Text, ModelCallSummary Summary);
