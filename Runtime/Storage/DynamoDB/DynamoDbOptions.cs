using System.ComponentModel.DataAnnotations;

namespace Runtime.Storage.DynamoDB;

/// <summary>
/// <c>DynamoDB</c>: where the cluster's tables live. <see cref="ServiceUrl"/> points at DynamoDB Local; in AWS leave it
/// empty and set <see cref="Region"/> (credentials come from the default AWS chain: task role, environment, profile).
/// </summary>
public sealed class DynamoDbOptions
{
    public const string Section = "DynamoDB";

    public string? ServiceUrl { get; set; }

    [Required]
    public string Region { get; set; } = "us-east-1";

    [Required]
    public string MembershipTable { get; set; } = "OrleansMembership";

    [Required]
    public string GrainStateTable { get; set; } = "OrleansGrainState";

    /// <summary>Create missing tables at start (on-demand billing); turn off where tables come from CloudFormation.</summary>
    public bool CreateTables { get; set; } = true;
}
