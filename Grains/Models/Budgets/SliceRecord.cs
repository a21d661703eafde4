namespace Grains.Models.Budgets;

/// <summary>What the model grain remembers of a slice it leased, until the silo settles it or it goes stale.</summary>
internal sealed record SliceRecord(object? RequestHandle, object? TokenHandle, DateTimeOffset GrantedAt, TimeSpan Term);
