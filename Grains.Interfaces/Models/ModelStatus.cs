namespace Grains.Interfaces.Models;

public sealed record ModelStatus(string Id, string Provider, CircuitState Circuit, ModelBudgetUse Budget, ModelStats Stats);
