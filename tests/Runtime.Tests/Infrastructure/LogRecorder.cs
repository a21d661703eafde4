using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Runtime.Tests.Infrastructure;

/// <summary>A logger provider that keeps every record with the key/value pairs of all its scopes.</summary>
public sealed class LogRecorder : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<LoggedRecord> _records = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<LoggedRecord> Records => [.. _records];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(LogRecorder owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new List<KeyValuePair<string, object?>>();
            owner._scopes.ForEachScope(static (scope, values) =>
            {
                // Activity baggage arrives as string pairs, everything else as object pairs.
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    values.AddRange(pairs);
                }
                else if (scope is IEnumerable<KeyValuePair<string, string?>> strings)
                {
                    values.AddRange(strings.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value)));
                }
            }, values);
            owner._records.Enqueue(new LoggedRecord(category, formatter(state, exception), values));
        }
    }
}
