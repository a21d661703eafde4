using Grains.Interfaces.Models;

namespace Grains.Sessions;

public sealed class SessionState
{
    public List<ChatTurn> Messages { get; set; } = [];
}
