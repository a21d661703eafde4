using Runtime.Storage;

namespace Runtime.Tests.Storage;

public sealed class SqliteGrainStorageTests : GrainStorageConformanceTests
{
    // Unique per test so parallel test classes and reruns never share a database file.
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sqlite-grain-storage-tests", Guid.NewGuid().ToString("N"));
    private readonly List<SqliteGrainStorage> _opened = [];

    private string DefaultDatabasePath => Path.Combine(_root, "grains.db");

    protected override ValueTask<IGrainStorage> CreateStorageAsync() => ValueTask.FromResult<IGrainStorage>(Open(DefaultDatabasePath));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var storage in _opened)
        {
            await storage.DisposeAsync();
        }

        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Data_survives_disposing_the_provider_and_reopening_the_file()
    {
        var first = Open(DefaultDatabasePath);
        var eTag = await first.WriteAsync(StateName, Grain, Bytes("durable"), expectedETag: null, Ct);
        await first.DisposeAsync();

        var reopened = Open(DefaultDatabasePath);

        AssertRecord("durable", eTag, await reopened.ReadAsync(StateName, Grain, Ct));
        // The ETag persisted too, so the grain can carry on writing after the restart.
        var next = await reopened.WriteAsync(StateName, Grain, Bytes("after restart"), eTag, Ct);
        AssertRecord("after restart", next, await reopened.ReadAsync(StateName, Grain, Ct));
    }

    [Fact]
    public async Task Two_providers_on_one_file_reject_each_others_stale_etags()
    {
        var a = Open(DefaultDatabasePath);
        var b = Open(DefaultDatabasePath);
        var first = await a.WriteAsync(StateName, Grain, Bytes("from a"), expectedETag: null, Ct);
        var second = await b.WriteAsync(StateName, Grain, Bytes("from b"), first, Ct);

        var ex = await Assert.ThrowsAsync<InconsistentStateException>(() => a.WriteAsync(StateName, Grain, Bytes("stale a"), first, Ct));

        Assert.Equal(second, ex.StoredETag);
        AssertRecord("from b", second, await a.ReadAsync(StateName, Grain, Ct));
    }

    [Fact]
    public async Task Creates_a_missing_directory_on_first_use()
    {
        var path = Path.Combine(_root, "not", "yet", "there", "grains.db");
        var storage = Open(path);
        // Construction alone must not touch the disk: the directory appears lazily.
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));

        var eTag = await storage.WriteAsync(StateName, Grain, Bytes("v1"), expectedETag: null, Ct);

        Assert.True(File.Exists(path));
        AssertRecord("v1", eTag, await storage.ReadAsync(StateName, Grain, Ct));
    }

    [Fact]
    public async Task Concurrent_first_use_initialises_once_and_loses_no_writes()
    {
        var storage = Open(Path.Combine(_root, "fresh", "grains.db"));
        var grains = Enumerable.Range(0, 16).Select(i => new GrainId(Grain.Type, $"grain-{i}")).ToArray();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writes = grains.Select(g => Task.Run(async () =>
        {
            await gate.Task;
            return await storage.WriteAsync(StateName, g, Bytes(g.Key), expectedETag: null, Ct);
        }, Ct)).ToArray();

        gate.SetResult();
        var eTags = await Task.WhenAll(writes);

        for (var i = 0; i < grains.Length; i++)
        {
            AssertRecord(grains[i].Key, eTags[i], await storage.ReadAsync(StateName, grains[i], Ct));
        }
    }

    [Fact]
    public async Task Connections_use_wal_full_synchronous_and_a_busy_timeout()
    {
        var storage = Open(DefaultDatabasePath);
        await using var connection = await storage.OpenConnectionAsync(Ct);

        Assert.Equal("wal", await PragmaAsync(connection, "journal_mode"));
        // 2 = FULL: SQLite fsyncs the WAL on every commit, so an acknowledged write survives a crash.
        Assert.Equal(2L, await PragmaAsync(connection, "synchronous"));
        Assert.True((long)(await PragmaAsync(connection, "busy_timeout"))! > 0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_rejects_an_empty_path_with_a_clear_message(string path)
    {
        var options = new SqliteGrainStorageOptions { DatabasePath = path };

        var ex = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(nameof(SqliteGrainStorageOptions.DatabasePath), ex.ParamName);
        Assert.Contains("SqliteGrainStorageOptions.DatabasePath must be a non-empty file path", ex.Message, StringComparison.Ordinal);
        // The constructor validates too, so a bad configuration fails before any grain activates.
        Assert.Throws<ArgumentException>(() => new SqliteGrainStorage(options));
    }

    [Fact]
    public void Options_default_to_the_documented_path_and_validate()
    {
        var options = new SqliteGrainStorageOptions();

        Assert.Equal("data/grains.db", options.DatabasePath);
        options.Validate();
    }

    private SqliteGrainStorage Open(string path)
    {
        var storage = new SqliteGrainStorage(new SqliteGrainStorageOptions { DatabasePath = path });
        _opened.Add(storage);
        return storage;
    }

    private static async Task<object?> PragmaAsync(Microsoft.Data.Sqlite.SqliteConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return await command.ExecuteScalarAsync(Ct);
    }
}
