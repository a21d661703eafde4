using System.ComponentModel.DataAnnotations;

namespace Runtime.Storage.DynamoDB;

/// <summary>
/// <c>DynamoDB</c>: where the cluster's tables live. <see cref="ServiceUrl"/> points at DynamoDB Local; in AWS leave it
/// empty and set <see cref="Region"/> (credentials come from the default AWS chain: task role, environment, profile).
/// </summary>
public sealed class DynamoDbOptions
{
    public const string Section = "DynamoDB";
    private const string TableNamePattern = "^[A-Za-z0-9_.-]{3,255}$";
    private const string TableNameRule = "DynamoDB table names are 3 to 255 letters, digits, '_', '-' or '.'.";

    /// <summary>Throws a clear error for options DynamoDB would reject.</summary>
    public void Validate()
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
        {
            throw new InvalidOperationException($"DynamoDB settings are invalid: {string.Join(" ", results.Select(r => r.ErrorMessage))}");
        }
    }

    public string? ServiceUrl { get; set; }

    [Required]
    public string Region { get; set; } = "us-east-1";

    [Required]
    [RegularExpression(TableNamePattern, ErrorMessage = TableNameRule)]
    public string MembershipTable { get; set; } = "OrleansMembership";

    [Required]
    [RegularExpression(TableNamePattern, ErrorMessage = TableNameRule)]
    public string GrainStateTable { get; set; } = "OrleansGrainState";

    /// <summary>Create missing tables at start (on-demand billing); turn off where tables come from CloudFormation.</summary>
    public bool CreateTables { get; set; } = true;

    /// <summary>
    /// How long the row of a dead silo stays in the membership table after its last heartbeat: the row gets an
    /// <c>ExpiresAt</c> attribute, and DynamoDB's time to live (enabled by the CloudFormation template) deletes it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan DefunctSiloRetention { get; set; } = TimeSpan.FromDays(7);
}
