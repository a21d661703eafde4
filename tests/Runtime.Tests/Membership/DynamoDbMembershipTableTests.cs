using Runtime.Membership;
using Runtime.Membership.DynamoDB;
using Runtime.Storage.DynamoDB;
using TestSupport;

namespace Runtime.Tests.Membership;

/// <summary>The membership contract against DynamoDB Local (started by scripts/test.sh).</summary>
public sealed class DynamoDbMembershipTableTests : MembershipTableConformanceTests
{
    protected override IMembershipTable CreateTable() =>
        new DynamoDbMembershipTable(new DynamoDbOptions { ServiceUrl = DynamoDbLocal.ServiceUrl, MembershipTable = DynamoDbLocal.UniqueTable("members") });
}
