using System.Data;
using Microsoft.Data.Sqlite;

namespace Runtime.Storage;

/// <summary>
/// Grain storage in a single SQLite file. Every write is one conditional statement whose rows-affected count
/// decides success, so the database itself arbitrates concurrent writers (threads or processes); nothing is
/// read first and then written, which would let two writers presenting the same ETag both win.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage, IAsyncDisposable, IDisposable
{
    // Long enough to ride out a burst of writers queueing for SQLite's single write lock.
    private const int BusyTimeoutMilliseconds = 30_000;

    private const string CreateSchemaSql = """
        CREATE TABLE IF NOT EXISTS grain_state (
            grain_type TEXT NOT NULL,
            grain_key  TEXT NOT NULL,
            state_name TEXT NOT NULL,
            data       BLOB NOT NULL,
            etag       TEXT NOT NULL,
            PRIMARY KEY (grain_type, grain_key, state_name)
        ) WITHOUT ROWID;
        """;

    private const string KeyFilter = "grain_type = $type AND grain_key = $key AND state_name = $state";

    private readonly string _connectionString;
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private volatile bool _initialized;
    private int _disposed;

    public SqliteGrainStorage(SqliteGrainStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        // Resolved once so a later change of the current directory cannot move the database.
        DatabasePath = Path.GetFullPath(options.DatabasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            // Pooling keeps per-call connections cheap; Dispose clears the pool to release the file.
            Pooling = true,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString();
    }

    /// <summary>The absolute path of the database file.</summary>
    public string DatabasePath { get; }

    public async Task<GrainStateRecord?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = CreateKeyedCommand(connection, $"SELECT data, etag FROM grain_state WHERE {KeyFilter};", stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        // GetFieldValue materialises a fresh array, so the caller never aliases SQLite's buffers.
        return new GrainStateRecord(reader.GetFieldValue<byte[]>(0), reader.GetString(1));
    }

    public async Task<string> WriteAsync(string stateName, GrainId grainId, ReadOnlyMemory<byte> data, string? expectedETag, CancellationToken cancellationToken = default)
    {
        // A random ETag rather than a per-row version: versions would restart after a clear, letting a caller
        // holding a pre-clear ETag overwrite the re-inserted record.
        var newETag = Guid.NewGuid().ToString("N");
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var sql = expectedETag is null
            ? "INSERT INTO grain_state (grain_type, grain_key, state_name, data, etag) VALUES ($type, $key, $state, $data, $etag) "
              + "ON CONFLICT (grain_type, grain_key, state_name) DO NOTHING;"
            : $"UPDATE grain_state SET data = $data, etag = $etag WHERE {KeyFilter} AND etag = $expected;";
        await using var command = CreateKeyedCommand(connection, sql, stateName, grainId);
        // Copying into a new array also detaches the stored value from the caller's reusable buffer.
        command.Parameters.Add("$data", SqliteType.Blob).Value = data.ToArray();
        command.Parameters.Add("$etag", SqliteType.Text).Value = newETag;
        if (expectedETag is not null)
        {
            command.Parameters.Add("$expected", SqliteType.Text).Value = expectedETag;
        }

        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            throw await ConflictAsync(connection, stateName, grainId, expectedETag, cancellationToken).ConfigureAwait(false);
        }

        return newETag;
    }

    public async Task ClearAsync(string stateName, GrainId grainId, string? expectedETag, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (expectedETag is null)
        {
            // Nothing to delete when the caller believes no record exists; only a record that does exist is a conflict.
            var storedETag = await ReadETagAsync(connection, stateName, grainId, cancellationToken).ConfigureAwait(false);
            if (storedETag is not null)
            {
                throw new InconsistentStateException(stateName, grainId, expectedETag, storedETag);
            }

            return;
        }

        await using var command = CreateKeyedCommand(connection, $"DELETE FROM grain_state WHERE {KeyFilter} AND etag = $expected;", stateName, grainId);
        command.Parameters.Add("$expected", SqliteType.Text).Value = expectedETag;
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            throw await ConflictAsync(connection, stateName, grainId, expectedETag, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Opens a connection with this provider's durability and locking settings applied.</summary>
    internal async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // Both settings live on the connection, not in the file, so each connection must set them.
            // FULL syncs the WAL on every commit: an acknowledged write survives a crash or power loss.
            await ExecuteAsync(connection, $"PRAGMA synchronous = FULL; PRAGMA busy_timeout = {BusyTimeoutMilliseconds};", cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Pooled connections would otherwise keep the file (and its WAL) open after the provider is gone.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        // A semaphore rather than Lazy<Task> so that a failed or cancelled initialisation is retried by the next call.
        await _initLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }

            var directory = Path.GetDirectoryName(DatabasePath);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            // The journal mode is persisted in the file, so setting it once per provider is enough. WAL lets
            // readers proceed while a writer commits.
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "PRAGMA journal_mode = WAL;";
                var mode = (string?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException($"SQLite refused WAL journal mode for '{DatabasePath}' (it reported '{mode}'); the file system may not support it.");
                }
            }

            await ExecuteAsync(connection, CreateSchemaSql, cancellationToken).ConfigureAwait(false);
            _initialized = true;
        }
        finally
        {
            _initLock.Release();
        }
    }

    private static async Task<InconsistentStateException> ConflictAsync(SqliteConnection connection, string stateName, GrainId grainId, string? expectedETag, CancellationToken cancellationToken)
    {
        // Read only to make the message useful; the decision was already made by the conditional statement,
        // so a value that has moved on again since then does not matter.
        var storedETag = await ReadETagAsync(connection, stateName, grainId, cancellationToken).ConfigureAwait(false);
        return new InconsistentStateException(stateName, grainId, expectedETag, storedETag);
    }

    private static async Task<string?> ReadETagAsync(SqliteConnection connection, string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        await using var command = CreateKeyedCommand(connection, $"SELECT etag FROM grain_state WHERE {KeyFilter};", stateName, grainId);
        return (string?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private static SqliteCommand CreateKeyedCommand(SqliteConnection connection, string sql, string stateName, GrainId grainId)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add("$type", SqliteType.Text).Value = grainId.Type;
        command.Parameters.Add("$key", SqliteType.Text).Value = grainId.Key;
        command.Parameters.Add("$state", SqliteType.Text).Value = stateName;
        return command;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
