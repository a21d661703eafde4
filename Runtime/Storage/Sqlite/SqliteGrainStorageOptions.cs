namespace Runtime.Storage;

/// <summary>Settings for <see cref="SqliteGrainStorage"/>. Mutable so it can be bound from configuration.</summary>
public sealed class SqliteGrainStorageOptions
{
    /// <summary>
    /// The database file. A relative path is resolved against the current directory when the storage is
    /// constructed; missing directories are created on first use.
    /// </summary>
    public string DatabasePath { get; set; } = "data/grains.db";

    /// <summary>Throws when the options cannot work, so a misconfiguration fails at startup rather than on the first write.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DatabasePath))
        {
            throw new ArgumentException(
                $"{nameof(SqliteGrainStorageOptions)}.{nameof(DatabasePath)} must be a non-empty file path (for example \"data/grains.db\"), but it was {(DatabasePath is null ? "null" : "blank")}.",
                nameof(DatabasePath));
        }
    }
}
