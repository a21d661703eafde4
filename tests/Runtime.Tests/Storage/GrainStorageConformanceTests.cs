using System.Text;
using Runtime.Storage;

namespace Runtime.Tests.Storage;

/// <summary>
/// The contract every <see cref="IGrainStorage"/> must honour. Each provider's test class derives from this, so
/// a behaviour is specified once and a provider cannot silently diverge from the others.
/// </summary>
public abstract class GrainStorageConformanceTests : IAsyncLifetime
{
    protected const string StateName = "profile";
    protected static readonly GrainId Grain = new("Tests.IAccountGrain", "account-42");

    private const int ConcurrentWriters = 16;
    private const int RaceRounds = 50;

    private IGrainStorage? _storage;

    /// <summary>A fresh, empty store per test, so tests never see each other's records.</summary>
    protected IGrainStorage Storage => _storage ?? throw new InvalidOperationException("InitializeAsync has not run.");

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract ValueTask<IGrainStorage> CreateStorageAsync();

    public async ValueTask InitializeAsync() => _storage = await CreateStorageAsync();

    public virtual async ValueTask DisposeAsync()
    {
        if (_storage is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task Read_of_missing_record_returns_null()
    {
        Assert.Null(await Storage.ReadAsync(StateName, Grain, Ct));
    }

    [Fact]
    public async Task First_write_then_read_round_trips_data_and_etag()
    {
        var eTag = await Storage.WriteAsync(StateName, Grain, Bytes("v1"), expectedETag: null, Ct);

        var record = await Storage.ReadAsync(StateName, Grain, Ct);

        Assert.NotNull(record);
        Assert.Equal(Bytes("v1"), record.Data);
        Assert.Equal(eTag, record.ETag);
    }

    [Fact]
    public async Task Empty_state_round_trips()
    {
        var eTag = await Storage.WriteAsync(StateName, Grain, ReadOnlyMemory<byte>.Empty, expectedETag: null, Ct);

        var record = await Storage.ReadAsync(StateName, Grain, Ct);

        Assert.NotNull(record);
        Assert.Empty(record.Data);
        Assert.Equal(eTag, record.ETag);
    }

    [Fact]
    public async Task Write_of_a_slice_stores_only_the_slice()
    {
        var buffer = Bytes("xxHELLOxx");

        await Storage.WriteAsync(StateName, Grain, buffer.AsMemory(2, 5), expectedETag: null, Ct);

        Assert.Equal(Bytes("HELLO"), (await Storage.ReadAsync(StateName, Grain, Ct))!.Data);
    }

    [Fact]
    public async Task Every_write_returns_a_new_etag()
    {
        var eTags = new List<string> { await Storage.WriteAsync(StateName, Grain, Bytes("v0"), expectedETag: null, Ct) };
        for (var i = 1; i <= 3; i++)
        {
            eTags.Add(await Storage.WriteAsync(StateName, Grain, Bytes($"v{i}"), eTags[^1], Ct));
        }

        Assert.Equal(eTags.Count, eTags.Distinct(StringComparer.Ordinal).Count());
        var record = await Storage.ReadAsync(StateName, Grain, Ct);
        Assert.Equal(Bytes("v3"), record!.Data);
        Assert.Equal(eTags[^1], record.ETag);
    }

    [Fact]
    public async Task Stale_write_throws_naming_state_and_grain_and_changes_nothing()
    {
        var first = await Storage.WriteAsync(StateName, Grain, Bytes("v1"), expectedETag: null, Ct);
        var second = await Storage.WriteAsync(StateName, Grain, Bytes("v2"), first, Ct);

        var ex = await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteAsync(StateName, Grain, Bytes("lost update"), first, Ct));

        Assert.Contains(StateName, ex.Message, StringComparison.Ordinal);
        Assert.Contains(Grain.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Equal(first, ex.ExpectedETag);
        Assert.Equal(second, ex.StoredETag);
        var record = await Storage.ReadAsync(StateName, Grain, Ct);
        Assert.Equal(Bytes("v2"), record!.Data);
        Assert.Equal(second, record.ETag);
    }

    [Fact]
    public async Task Insert_with_null_etag_when_a_record_exists_throws_and_changes_nothing()
    {
        var eTag = await Storage.WriteAsync(StateName, Grain, Bytes("original"), expectedETag: null, Ct);

        var ex = await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteAsync(StateName, Grain, Bytes("duplicate insert"), expectedETag: null, Ct));

        Assert.Null(ex.ExpectedETag);
        Assert.Equal(eTag, ex.StoredETag);
        var record = await Storage.ReadAsync(StateName, Grain, Ct);
        Assert.Equal(Bytes("original"), record!.Data);
        Assert.Equal(eTag, record.ETag);
    }

    [Fact]
    public async Task Update_with_an_etag_when_no_record_exists_throws_and_creates_nothing()
    {
        var ex = await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteAsync(StateName, Grain, Bytes("v1"), "not-a-real-etag", Ct));

        Assert.Null(ex.StoredETag);
        Assert.Null(await Storage.ReadAsync(StateName, Grain, Ct));
    }

    [Fact]
    public async Task Clear_with_stale_etag_throws_and_keeps_data()
    {
        var first = await Storage.WriteAsync(StateName, Grain, Bytes("v1"), expectedETag: null, Ct);
        var second = await Storage.WriteAsync(StateName, Grain, Bytes("v2"), first, Ct);

        var ex = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearAsync(StateName, Grain, first, Ct));

        Assert.Contains(StateName, ex.Message, StringComparison.Ordinal);
        Assert.Contains(Grain.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Equal(second, ex.StoredETag);
        var record = await Storage.ReadAsync(StateName, Grain, Ct);
        Assert.Equal(Bytes("v2"), record!.Data);
        Assert.Equal(second, record.ETag);
    }

    [Fact]
    public async Task Clear_with_null_etag_when_a_record_exists_throws_and_keeps_data()
    {
        var eTag = await Storage.WriteAsync(StateName, Grain, Bytes("v1"), expectedETag: null, Ct);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearAsync(StateName, Grain, expectedETag: null, Ct));

        Assert.Equal(eTag, (await Storage.ReadAsync(StateName, Grain, Ct))!.ETag);
    }

    [Fact]
    public async Task Clear_of_missing_record_with_null_etag_is_a_no_op()
    {
        await Storage.ClearAsync(StateName, Grain, expectedETag: null, Ct);

        Assert.Null(await Storage.ReadAsync(StateName, Grain, Ct));
        await Storage.WriteAsync(StateName, Grain, Bytes("v1"), expectedETag: null, Ct);
    }

    [Fact]
    public async Task Clear_of_missing_record_with_an_etag_throws()
    {
        var ex = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearAsync(StateName, Grain, "not-a-real-etag", Ct));

        Assert.Null(ex.StoredETag);
    }

    [Fact]
    public async Task Clear_then_insert_with_null_etag_succeeds_with_a_fresh_etag()
    {
        var before = await Storage.WriteAsync(StateName, Grain, Bytes("v1"), expectedETag: null, Ct);

        await Storage.ClearAsync(StateName, Grain, before, Ct);
        Assert.Null(await Storage.ReadAsync(StateName, Grain, Ct));

        var after = await Storage.WriteAsync(StateName, Grain, Bytes("v2"), expectedETag: null, Ct);
        Assert.NotEqual(before, after);
        var record = await Storage.ReadAsync(StateName, Grain, Ct);
        Assert.Equal(Bytes("v2"), record!.Data);
        Assert.Equal(after, record.ETag);
    }

    [Fact]
    public async Task Etag_from_before_a_clear_does_not_match_the_reinserted_record()
    {
        var before = await Storage.WriteAsync(StateName, Grain, Bytes("v1"), expectedETag: null, Ct);
        await Storage.ClearAsync(StateName, Grain, before, Ct);
        var after = await Storage.WriteAsync(StateName, Grain, Bytes("v2"), expectedETag: null, Ct);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteAsync(StateName, Grain, Bytes("stale"), before, Ct));

        var record = await Storage.ReadAsync(StateName, Grain, Ct);
        Assert.Equal(Bytes("v2"), record!.Data);
        Assert.Equal(after, record.ETag);
    }

    [Fact]
    public async Task Records_are_independent_across_state_names_grain_keys_and_grain_types()
    {
        var sameKeyOtherType = new GrainId("Tests.IOtherGrain", Grain.Key);
        var otherKey = new GrainId(Grain.Type, "account-43");
        var main = await Storage.WriteAsync(StateName, Grain, Bytes("main"), expectedETag: null, Ct);
        var otherState = await Storage.WriteAsync("settings", Grain, Bytes("other state"), expectedETag: null, Ct);
        var otherType = await Storage.WriteAsync(StateName, sameKeyOtherType, Bytes("other type"), expectedETag: null, Ct);
        var otherGrain = await Storage.WriteAsync(StateName, otherKey, Bytes("other key"), expectedETag: null, Ct);

        // An ETag is only valid for the record it came from.
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteAsync(StateName, otherKey, Bytes("x"), main, Ct));
        await Storage.ClearAsync(StateName, Grain, main, Ct);

        Assert.Null(await Storage.ReadAsync(StateName, Grain, Ct));
        AssertRecord("other state", otherState, await Storage.ReadAsync("settings", Grain, Ct));
        AssertRecord("other type", otherType, await Storage.ReadAsync(StateName, sameKeyOtherType, Ct));
        AssertRecord("other key", otherGrain, await Storage.ReadAsync(StateName, otherKey, Ct));
    }

    [Fact]
    public async Task Concurrent_updates_with_the_same_etag_have_exactly_one_winner()
    {
        // Several rounds because a lost race is timing-dependent: one round on a quiet machine can pass by luck.
        for (var round = 0; round < RaceRounds; round++)
        {
            var grain = new GrainId(Grain.Type, $"update-race-{round}");
            var start = await Storage.WriteAsync(StateName, grain, Bytes("start"), expectedETag: null, Ct);

            var winners = await RaceAsync(i => Storage.WriteAsync(StateName, grain, Bytes($"writer {i}"), start, Ct));

            await AssertSingleWinnerAsync(grain, winners);
        }
    }

    [Fact]
    public async Task Concurrent_inserts_have_exactly_one_winner()
    {
        for (var round = 0; round < RaceRounds; round++)
        {
            var grain = new GrainId(Grain.Type, $"insert-race-{round}");

            var winners = await RaceAsync(i => Storage.WriteAsync(StateName, grain, Bytes($"writer {i}"), expectedETag: null, Ct));

            await AssertSingleWinnerAsync(grain, winners);
        }
    }

    [Fact]
    public async Task Stored_data_is_copied_from_the_callers_buffer()
    {
        var buffer = Bytes("v1");
        await Storage.WriteAsync(StateName, Grain, buffer, expectedETag: null, Ct);

        // Callers such as serializers reuse pooled buffers as soon as the write returns.
        buffer.AsSpan().Fill((byte)'!');

        Assert.Equal(Bytes("v1"), (await Storage.ReadAsync(StateName, Grain, Ct))!.Data);
    }

    [Fact]
    public async Task Returned_data_does_not_alias_stored_data()
    {
        await Storage.WriteAsync(StateName, Grain, Bytes("v1"), expectedETag: null, Ct);
        var first = (await Storage.ReadAsync(StateName, Grain, Ct))!.Data;

        first.AsSpan().Fill((byte)'!');
        var second = (await Storage.ReadAsync(StateName, Grain, Ct))!.Data;

        Assert.NotSame(first, second);
        Assert.Equal(Bytes("v1"), second);
    }

    [Fact]
    public async Task Cancelled_write_throws_and_stores_nothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Storage.WriteAsync(StateName, Grain, Bytes("v1"), expectedETag: null, cancelled.Token));

        Assert.Null(await Storage.ReadAsync(StateName, Grain, Ct));
    }

    /// <summary>
    /// Starts many writers at once and returns the ones that succeeded; every other writer must have failed with a
    /// conflict (any other exception fails the test).
    /// </summary>
    private static async Task<List<(int Writer, string ETag)>> RaceAsync(Func<int, Task<string>> write)
    {
        // Dedicated threads released together by one event, rather than pool tasks, so the writers really overlap
        // even on a machine with few cores (the pool would hand them out a couple at a time).
        using var ready = new CountdownEvent(ConcurrentWriters);
        using var go = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, ConcurrentWriters).Select(i => Task.Factory.StartNew(async () =>
        {
            ready.Signal();
            go.Wait(Ct);
            try
            {
                return (Writer: i, ETag: (string?)await write(i));
            }
            catch (InconsistentStateException)
            {
                return (Writer: i, ETag: null);
            }
        }, Ct, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()).ToArray();

        ready.Wait(Ct);
        go.Set();
        var outcomes = await Task.WhenAll(attempts);
        return outcomes.Where(o => o.ETag is not null).Select(o => (o.Writer, o.ETag!)).ToList();
    }

    private async Task AssertSingleWinnerAsync(GrainId grain, List<(int Writer, string ETag)> winners)
    {
        var (writer, eTag) = Assert.Single(winners);
        AssertRecord($"writer {writer}", eTag, await Storage.ReadAsync(StateName, grain, Ct));
    }

    // GrainStateRecord's generated equality compares the byte arrays by reference, so compare the parts.
    protected static void AssertRecord(string expectedData, string expectedETag, GrainStateRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(Bytes(expectedData), actual.Data);
        Assert.Equal(expectedETag, actual.ETag);
    }
}
