using System.Runtime.CompilerServices;
using System.Text;
using Grains.Diagnostics;
using Grains.Interfaces.Models;
using Grains.Interfaces.Sessions;
using Grains.Models;
using Microsoft.Extensions.Options;
using Runtime;

namespace Grains.Sessions;

/// <summary>
/// A conversation kept warm in memory: no per-request database read. A turn writes the user's message while the
/// model works (persistence never delays the first token) and sends its final event only once the answer is
/// durable too. A turn that fails or is abandoned is rolled back, so the history never holds half a turn.
/// </summary>
public sealed class SessionGrain(
    [PersistentState("session")] IPersistentState<SessionState> state,
    ModelGateway gateway,
    IOptions<SessionOptions> options,
    TimeProvider time) : Grain, ISessionGrain
{
    public async IAsyncEnumerable<SessionEvent> Send(SessionTurnRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        var tenant = GetPrimaryKeyString()[..GetPrimaryKeyString().IndexOf('/')];
        var committed = state.State.Messages.Count;
        state.State.Messages.AddRange(request.NewMessages);
        var history = HistoryTrimmer.Trim(state.State.Messages, options.Value.HistoryTokenBudget);
        // Started now, awaited only before the final event: the model call does not wait for the disk.
        var userWrite = state.WriteStateAsync(CancellationToken.None);

        var answer = new StringBuilder();
        ModelCallSummary? summary = null;
        Exception? failure = null;
        var updates = gateway.StreamAsync(CompletionGrain.ToCall(new CompletionRequest(
            request.Model, history, request.MaxTokens, request.Temperature, tenant, request.Priority)) with
        {
            TopP = request.TopP,
            Stop = request.Stop,
        }, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (updates)
        {
            while (true)
            {
                try
                {
                    if (!await updates.MoveNextAsync())
                    {
                        break;
                    }
                }
                catch (Exception exception)
                {
                    failure = exception;
                    break;
                }
                if (updates.Current.Summary is { } done)
                {
                    summary = done;
                    continue;
                }
                answer.Append(updates.Current.Text);
                yield return SessionEvent.Text(updates.Current.Text!);
            }
        }

        if (failure is not null || summary is null)
        {
            await RollBackAsync(userWrite, committed);
            throw failure ?? new InvalidOperationException("The model stream ended without a summary.");
        }
        var persistStarted = time.GetTimestamp();
        try
        {
            await userWrite;
            state.State.Messages.Add(new ChatTurn("assistant", answer.ToString()));
            await state.WriteStateAsync(CancellationToken.None);
        }
        catch
        {
            // Memory must not run ahead of storage: drop the turn here and reload from storage on the next call.
            state.State.Messages.RemoveRange(committed, state.State.Messages.Count - committed);
            DeactivateOnIdle();
            throw;
        }
        var persistenceMs = time.GetElapsedTime(persistStarted).TotalMilliseconds;
        SessionInstruments.RecordPersist(persistenceMs);
        var timings = new StageTimings(
            summary.AdmissionMs, 0, summary.TimeToFirstTokenMs, summary.TotalMs - summary.AdmissionMs, persistenceMs,
            time.GetElapsedTime(started).TotalMilliseconds);
        yield return SessionEvent.Completed(new SessionTurnSummary(summary, timings, state.State.Messages.Count));
    }

    public Task<SessionSnapshot> Get() =>
        Task.FromResult(new SessionSnapshot(SessionKey.SessionIdOf(GetPrimaryKeyString()), state.RecordExists, [.. state.State.Messages]));

    public async Task<bool> Delete()
    {
        var existed = state.RecordExists;
        if (existed)
        {
            await state.ClearStateAsync();
        }
        DeactivateOnIdle();
        return existed;
    }

    private async Task RollBackAsync(Task userWrite, int committed)
    {
        try
        {
            await userWrite;
        }
        catch (Exception)
        {
            // The rollback below rewrites the state whatever this write did.
        }
        state.State.Messages.RemoveRange(committed, state.State.Messages.Count - committed);
        if (committed == 0 && state.RecordExists)
        {
            await state.ClearStateAsync(CancellationToken.None);
        }
        else if (committed > 0)
        {
            await state.WriteStateAsync(CancellationToken.None);
        }
    }
}
