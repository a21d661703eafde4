using Runtime.Membership;

namespace Runtime.Tests.Membership;

public sealed class InMemoryMembershipTableTests : MembershipTableConformanceTests
{
    protected override IMembershipTable CreateTable() => new InMemoryMembershipTable();
}
