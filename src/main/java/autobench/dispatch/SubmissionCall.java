package autobench.dispatch;

import autobench.db.Ids;
import autobench.extract.Assist;
import autobench.extract.Extraction;
import autobench.extract.Extractor;
import autobench.provider.Completion;
import autobench.provider.FailureKind;
import autobench.provider.Finish;
import autobench.provider.ModelConfig;
import autobench.provider.Prompt;
import autobench.provider.Provider;
import autobench.provider.Usage;
import autobench.task.StoredTask;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attempts of one claimed submission: ledger row first, then the request, then the outcome.
 * Retries only failures the provider refused before doing work, waiting as it asked.
 */
final class SubmissionCall {
    private static final Logger log = LoggerFactory.getLogger(SubmissionCall.class);

    private final SubmissionStore submissions;
    private final CallLedger ledger;
    private final Extractor extractor;
    private final DispatchSettings settings;
    private final Backoff backoff;
    private final Clock clock;
    private final Sleeper sleeper;
    private final String owner;
    private final CallMetrics metrics;

    SubmissionCall(
            SubmissionStore submissions,
            CallLedger ledger,
            Extractor extractor,
            DispatchSettings settings,
            Clock clock,
            Sleeper sleeper,
            String owner,
            CallMetrics metrics) {
        this.metrics = metrics;
        this.submissions = submissions;
        this.ledger = ledger;
        this.extractor = extractor;
        this.settings = settings;
        this.backoff = new Backoff(settings.retryBaseMillis(), settings.retryMaxMillis());
        this.clock = clock;
        this.sleeper = sleeper;
        this.owner = owner;
    }

    /**
     * @return the stored result, or empty when the claim was given back because the process is
     *         stopping (it was waiting to retry a refusal, so nothing was in flight)
     */
    Optional<SubmissionResult> run(
            String submissionId,
            StoredTask task,
            ModelConfig model,
            Provider provider,
            CallReason firstReason,
            DispatchReport report) {
        // Built once: every attempt sends the same prompt, and its provenance is written before the first leaves.
        Prompt prompt = Prompts.forTask(task, model);
        if (!submissions.recordProvenance(submissionId, owner, Provenance.of(model, prompt))) {
            log.warn("could not record the provenance of submission {}: the claim is no longer ours", submissionId);
        }
        CallReason reason = firstReason;
        int sent = 0;
        double cost = 0;
        while (true) {
            int attempt = ledger.nextAttempt(submissionId);
            String callId = Ids.newId();
            if (!ledger.begin(
                    new LedgerCall.Start(callId, submissionId, attempt, model.id(), owner, reason), clock.millis())) {
                // Someone else holds this attempt number: sending now could pay twice, and they may have sent it.
                return Optional.of(finish(
                        submissionId,
                        SubmissionResult.failed(
                                SubmissionStatus.UNKNOWN,
                                SubmissionOutcome.ATTEMPT_TAKEN,
                                "ledger attempt " + attempt + " was taken by another process; not sent from here")));
            }
            submissions.countAttempt(submissionId, owner);
            report.requests.incrementAndGet();
            sent++;
            long t0 = System.nanoTime();
            Completion c;
            try {
                c = provider.complete(prompt);
            } catch (RuntimeException e) {
                // An adapter bug: we cannot know whether the request left, so it is not retried.
                log.error("provider adapter for {} threw; treating the call as a network failure", model.id(), e);
                c = Completion.Failed.of(
                        FailureKind.NETWORK, "adapter error: " + e.getClass().getSimpleName());
            }
            long latency = (System.nanoTime() - t0) / 1_000_000;
            Usage usage = LedgerCall.usageOf(c);
            double callCost = usage.costUsd(model.price());
            cost += callCost;
            Completion.Failed f = c instanceof Completion.Failed ff ? ff : null;
            metrics.record(model, CallOutcome.of(c), Duration.ofMillis(latency), usage, callCost);
            ledger.finish(callId, LedgerCall.End.of(c, usage, callCost, latency), clock.millis());
            if (f != null && f.kind().refusedBeforeWork() && sent < settings.maxAttempts()) {
                Duration wait = backoff.delay(sent, f.retryAfter());
                if (wait != null) {
                    log.info(
                            "{} for {}: attempt {} {} — retrying in {} ms",
                            task.title(),
                            model.id(),
                            attempt,
                            f.kind().wireName(),
                            wait.toMillis());
                    submissions.renew(
                            submissionId,
                            owner,
                            clock.millis()
                                    + wait.toMillis()
                                    + model.timeoutSeconds() * 1000L
                                    + settings.leaseMarginSeconds() * 1000L);
                    try {
                        sleeper.sleep(wait);
                    } catch (InterruptedException e) {
                        // Only a stop interrupts the wait: the last attempt was refused before work, so give the claim
                        // back.
                        Thread.interrupted();
                        submissions.release(submissionId, owner, clock.millis());
                        log.info(
                                "{} for {}: stopping while waiting to retry; back to pending",
                                task.title(),
                                model.id());
                        return Optional.empty();
                    }
                    reason = CallReason.RETRY;
                    continue;
                }
                return Optional.of(finish(
                        submissionId,
                        result(
                                        c,
                                        latency,
                                        sent,
                                        "provider asked to wait "
                                                + f.retryAfter().toSeconds() + " s, longer than dispatch.retry_max_ms")
                                .withCost(cost)));
            }
            return Optional.of(
                    finish(submissionId, result(c, latency, sent, null).withCost(cost)));
        }
    }

    private SubmissionResult finish(String id, SubmissionResult r) {
        if (!submissions.complete(id, owner, r, clock.millis())) {
            log.error("could not store the result of submission {}: the claim is no longer ours", id);
        }
        return r;
    }

    private SubmissionResult result(Completion c, long latency, int attempts, String extraReason) {
        return switch (c) {
            case Completion.Answered a -> answered(a, latency);
            case Completion.Refused r ->
                new SubmissionResult(
                        SubmissionStatus.FAILED,
                        SubmissionOutcome.REFUSED,
                        r.reason(),
                        SubmissionResult.Reply.bare(r.raw(), "refused", r.modelVersion()),
                        r.usage(),
                        0,
                        latency);
            case Completion.Failed f ->
                new SubmissionResult(
                        SubmissionStatus.FAILED,
                        SubmissionOutcome.of(f.kind()),
                        f.message()
                                + (f.httpStatus() > 0 ? " (HTTP " + f.httpStatus() + ")" : "")
                                + (attempts > 1 ? " after " + attempts + " attempts" : "")
                                + (extraReason == null ? "" : "; " + extraReason),
                        SubmissionResult.Reply.bare(f.raw(), null, null),
                        Usage.NONE,
                        0,
                        latency);
        };
    }

    private SubmissionResult answered(Completion.Answered a, long latency) {
        Extraction x = extractor.extract(a.text(), a.finish() == Finish.LENGTH);
        String assists =
                x.assists().stream().map(Assist::name).map(String::toLowerCase).collect(Collectors.joining(","));
        var reply = new SubmissionResult.Reply(
                a.raw(),
                a.text(),
                a.reasoning(),
                x.html(),
                assists,
                a.finish().name().toLowerCase(),
                a.modelVersion());
        if (a.finish() == Finish.LENGTH) {
            return new SubmissionResult(
                    SubmissionStatus.FAILED,
                    SubmissionOutcome.TRUNCATED,
                    "cut off at the output token limit" + (x.runnable() ? "; the partial code is kept" : ""),
                    reply,
                    a.usage(),
                    0,
                    latency);
        }
        if (!x.runnable()) {
            return new SubmissionResult(
                    SubmissionStatus.FAILED,
                    SubmissionOutcome.NO_CODE,
                    x.reason(),
                    reply.withoutCode(),
                    a.usage(),
                    0,
                    latency);
        }
        return new SubmissionResult(
                SubmissionStatus.SUCCEEDED, SubmissionOutcome.ANSWERED, null, reply, a.usage(), 0, latency);
    }
}
