namespace Runtime.Tests.Serialization.Messages;

public sealed record Circle(string Label, double Radius, List<int> Marks) : Shape(Label);
