package autobench.admin;

import autobench.dispatch.ModelStore;
import autobench.dispatch.Submission;
import autobench.dispatch.SubmissionStatus;
import autobench.dispatch.SubmissionStore;
import autobench.task.StoredTask;
import autobench.task.TaskStatus;
import autobench.task.TaskStore;
import autobench.vote.VoteStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

/**
 * The operator's actions, the same for the pages and the CLI: task vetting, switching a model off
 * and on, re-sending a day's unknown submissions, hiding an answer, voiding a visitor's or a network's votes.
 * Each action checks its input (a bad one changes nothing and says why) and writes one audit row
 * with who, what, on what, when, and the state before and after as JSON.
 */
public final class Operator {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_TITLE = 200;
    static final int MAX_PROMPT = 20_000;

    /**
     * Sends one unknown or failed submission again: the dispatcher's operator re-send in a process
     * that has one, a request queued for a worker in a web-only process (which has no dispatcher).
     */
    public interface Resender {
        /** Sends it (or queues it); returns what happened, in words. */
        String resend(String actor, String submissionId);

        /** Whether this process sends itself; false: it queues the re-send for a worker. */
        boolean sendsHere();
    }

    /**
     * What a model's call costs.
     *
     * @param maxOutputTokens the configured token limit: the upper bound of a reply
     */
    public record Pricing(double inputPerMillion, double outputPerMillion, int maxOutputTokens) {}

    /**
     * The tables it reads and writes, and how to re-send and price a call.
     *
     * @param resnapshot recomputes the stored daily rating snapshots of every day ending after the given
     *                   instant (epoch ms) from the votes that count now
     */
    public record Parts(
            TaskStore tasks,
            ModelStore models,
            SubmissionStore submissions,
            VoteStore votes,
            AdminStore audit,
            Resender resender,
            Function<String, Optional<Pricing>> pricing,
            LongConsumer resnapshot,
            Clock clock) {}

    private final Parts p;

    public Operator(Parts parts) {
        this.p = parts;
    }

    /** A refused action: nothing was changed, and the message says why. */
    public static final class Refused extends IllegalArgumentException {
        public Refused(String message) {
            super(message);
        }
    }

    // ---- task vetting ----

    public List<StoredTask> awaitingApproval() {
        return p.tasks().proposed();
    }

    public void approve(String actor, String taskId) {
        StoredTask t = proposed(taskId);
        if (!p.tasks().advance(taskId, TaskStatus.PROPOSED, TaskStatus.APPROVED, now())) throw notProposed(taskId);
        audit(actor, "approve", taskId, Map.of("status", t.status().wireName()), Map.of("status", "approved"));
    }

    /** Replaces a proposed task's title and prompt, then approves it. */
    public void editAndApprove(String actor, String taskId, String title, String prompt) {
        String newTitle = title == null ? "" : title.strip();
        String newPrompt = prompt == null ? "" : prompt.strip();
        if (newTitle.isEmpty() || newTitle.length() > MAX_TITLE)
            throw new Refused("the title must have 1 to " + MAX_TITLE + " characters");
        if (newPrompt.isEmpty() || newPrompt.length() > MAX_PROMPT) {
            throw new Refused("the prompt must have 1 to " + MAX_PROMPT + " characters");
        }
        StoredTask t = proposed(taskId);
        if (!p.tasks().editProposed(taskId, newTitle, newPrompt, now())
                || !p.tasks().advance(taskId, TaskStatus.PROPOSED, TaskStatus.APPROVED, now())) {
            throw notProposed(taskId);
        }
        audit(
                actor,
                "edit_approve",
                taskId,
                ordered("status", t.status().wireName(), "title", t.title(), "prompt", t.prompt()),
                ordered("status", "approved", "title", newTitle, "prompt", newPrompt));
    }

    /** A rejected task is kept but never sent; its slot of the day stays empty. */
    public void reject(String actor, String taskId) {
        StoredTask t = proposed(taskId);
        if (!p.tasks().advance(taskId, TaskStatus.PROPOSED, TaskStatus.REJECTED, now())) throw notProposed(taskId);
        audit(actor, "reject", taskId, Map.of("status", t.status().wireName()), Map.of("status", "rejected"));
    }

    private StoredTask proposed(String taskId) {
        StoredTask t = p.tasks().byId(taskId).orElseThrow(() -> new Refused("no task with id " + taskId));
        if (t.status() != TaskStatus.PROPOSED) throw notProposed(taskId);
        return t;
    }

    private Refused notProposed(String taskId) {
        String status = p.tasks().byId(taskId).map(t -> t.status().wireName()).orElse("gone");
        return new Refused("task " + taskId + " is " + status
                + ", not proposed: only proposed tasks can be approved, edited or rejected");
    }

    // ---- models ----

    /** A model as the operator sees it: configured (enabled in the config) and switched off by an operator or not. */
    public record ModelState(
            String id, String provider, boolean demo, boolean configEnabled, boolean operatorDisabled) {}

    public List<ModelState> models() {
        var off = p.models().disabledIds();
        return p.models().all().stream()
                .map(m -> new ModelState(m.id(), m.provider(), m.demo(), m.enabled(), off.contains(m.id())))
                .toList();
    }

    /** Switches a model off (no new submissions are dispatched to it) or back on. Survives restarts and config syncs. */
    public void setModelDisabled(String actor, String modelId, boolean disabled) {
        if (p.models().all().stream().noneMatch(m -> m.id().equals(modelId))) {
            throw new Refused("no model with id " + modelId + " (see ./autobench models)");
        }
        boolean before = p.models().setDisabled(modelId, disabled, actor, now());
        audit(
                actor,
                disabled ? "disable_model" : "enable_model",
                modelId,
                Map.of("disabled", before),
                Map.of("disabled", disabled));
    }

    // ---- bulk re-send ----

    /**
     * One submission a bulk re-send would send again.
     *
     * @param expectedUsd from the mean tokens of this model's answered submissions, or null when it has none
     * @param upperUsd    the token limit × the output price, plus the comparable input tokens where known
     */
    public record ResendLine(
            String submissionId, String modelId, String taskTitle, Double expectedUsd, double upperUsd) {}

    /**
     * What re-sending a day's unknown submissions (or one submission) may cost.
     *
     * @param day          the day of a bulk re-send, or null for one submission
     * @param submissionId the one submission, or null for a day
     * @param expectedUsd the sum of the lines' expected costs (lines without one count their upper bound)
     */
    public record ResendEstimate(
            LocalDate day,
            String submissionId,
            List<ResendLine> lines,
            double expectedUsd,
            double upperUsd,
            int withoutHistory) {
        public int count() {
            return lines.size();
        }

        /** How the figures were made, in one sentence. */
        public String basis() {
            return "expected: mean input and output tokens of the same model's answered calls × its prices"
                    + (withoutHistory > 0
                            ? " (" + withoutHistory + " without such calls are counted at their upper bound)"
                            : "")
                    + "; upper bound: the model's token limit × its output price, plus the mean input tokens where known";
        }
    }

    public ResendEstimate resendEstimate(LocalDate day) {
        return estimate(day, null, p.submissions().ofDay(day, SubmissionStatus.UNKNOWN));
    }

    /** What re-sending one unknown or failed submission may cost; refused for any other. */
    public ResendEstimate resendEstimate(String submissionId) {
        Submission s = p.submissions()
                .byId(submissionId)
                .orElseThrow(() -> new Refused("no submission with id " + submissionId));
        if (s.status() != SubmissionStatus.UNKNOWN && s.status() != SubmissionStatus.FAILED) {
            throw new Refused("submission " + submissionId + " is " + s.status().wireName()
                    + "; only unknown or failed submissions can be re-sent");
        }
        return estimate(null, submissionId, List.of(s));
    }

    private ResendEstimate estimate(LocalDate day, String submissionId, List<Submission> subs) {
        List<ResendLine> lines = new ArrayList<>();
        double expected = 0, upper = 0;
        int withoutHistory = 0;
        Map<String, String> titles = new LinkedHashMap<>();
        for (Submission s : subs) {
            Pricing price = p.pricing().apply(s.modelId()).orElse(null);
            Optional<double[]> mean = p.submissions().meanTokens(s.modelId());
            double up = 0;
            Double exp = null;
            if (price != null) {
                double meanIn = mean.map(m -> m[0]).orElse(0.0);
                up = (meanIn * price.inputPerMillion() + (double) price.maxOutputTokens() * price.outputPerMillion())
                        / 1_000_000.0;
                if (mean.isPresent())
                    exp = (mean.get()[0] * price.inputPerMillion() + mean.get()[1] * price.outputPerMillion())
                            / 1_000_000.0;
            }
            if (exp == null) withoutHistory++;
            String title = titles.computeIfAbsent(
                    s.taskId(), id -> p.tasks().byId(id).map(StoredTask::title).orElse(id));
            lines.add(new ResendLine(s.id(), s.modelId(), title, exp, up));
            expected += exp == null ? up : exp;
            upper += up;
        }
        return new ResendEstimate(day, submissionId, List.copyOf(lines), expected, upper, withoutHistory);
    }

    /** What a confirmed bulk re-send did, per submission. */
    public record ResendResult(LocalDate day, Map<String, String> outcomes) {}

    /**
     * Re-sends every unknown submission of the day, provided the operator confirmed the number they
     * were shown: if it changed since (another run, another operator), nothing is sent.
     */
    public ResendResult resendDay(String actor, LocalDate day, int confirmedCount) {
        ResendEstimate e = resendEstimate(day);
        if (e.count() == 0) throw new Refused("no unknown submissions on " + day + ": nothing to re-send");
        if (e.count() != confirmedCount) {
            throw new Refused("the confirmation was for " + confirmedCount + " submission(s) but " + day + " now has "
                    + e.count() + " unknown: look at the new estimate and confirm again");
        }
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (ResendLine l : e.lines()) {
            try {
                outcomes.put(l.submissionId(), p.resender().resend(actor, l.submissionId()));
            } catch (RuntimeException ex) {
                outcomes.put(l.submissionId(), "not re-sent: " + ex.getMessage());
            }
        }
        Map<String, Object> before = ordered(
                "unknown",
                e.count(),
                "submissions",
                e.lines().stream().map(ResendLine::submissionId).toList(),
                "expected_usd",
                round(e.expectedUsd()),
                "upper_bound_usd",
                round(e.upperUsd()));
        Map<String, Object> after = new LinkedHashMap<>();
        for (var o : outcomes.entrySet()) {
            after.put(
                    o.getKey(),
                    p.submissions()
                                    .byId(o.getKey())
                                    .map(s -> s.status().wireName())
                                    .orElse("?") + " — " + o.getValue());
        }
        audit(actor, "resend_day", day.toString(), before, after);
        return new ResendResult(day, outcomes);
    }

    /** Re-sends one unknown or failed submission (a new ledger attempt) and audits it. */
    public String resendOne(String actor, String submissionId) {
        ResendEstimate e = resendEstimate(submissionId);
        Submission before = p.submissions().byId(submissionId).orElseThrow();
        String what = p.resender().resend(actor, submissionId);
        String status = p.submissions()
                .byId(submissionId)
                .map(x -> x.status().wireName())
                .orElse("?");
        audit(
                actor,
                "resend",
                submissionId,
                ordered(
                        "status",
                        before.status().wireName(),
                        "attempts",
                        before.attempts(),
                        "upper_bound_usd",
                        round(e.upperUsd())),
                ordered("status", status, "result", what));
        return what;
    }

    /** Whether a re-send is made by this process (true) or queued for a worker process (false: a web-only process). */
    public boolean resendsHere() {
        return p.resender().sendsHere();
    }

    // ---- answers and votes ----

    /** Hides an answer from public pages, the API and new battles, or shows it again. Votes already cast on it stay. */
    public void setHidden(String actor, String submissionId, boolean hidden) {
        boolean before = p.submissions()
                .setHidden(submissionId, hidden, now())
                .orElseThrow(() -> new Refused("no submission with id " + submissionId));
        audit(actor, hidden ? "hide" : "unhide", submissionId, Map.of("hidden", before), Map.of("hidden", hidden));
    }

    /**
     * Voids every counted vote of a visitor: they stay stored, marked voided, and stop counting; the
     * stored snapshots of the days since their first counted vote are computed again without them.
     */
    public int voidVotes(String actor, String visitor) {
        String v = visitor == null ? "" : visitor.strip();
        if (v.isEmpty()) throw new Refused("give the visitor id whose votes to void");
        return voidSource(actor, VoteStore.Source.VISITOR, v, "void_votes", "visitor " + v);
    }

    /** The form a network is shown and voided by: the 64 hex digits of its keyed hash. */
    private static final Pattern NETWORK_HASH = Pattern.compile("[0-9a-f]{64}");

    /**
     * Voids every counted vote cast from one network (an IPv4 /24 or IPv6 /64 by default), whoever
     * cast them, like {@link #voidVotes}. The network is named by its keyed hash, as the operator
     * pages list it; the CLI and the form also take an address and hash it first.
     */
    public int voidNetwork(String actor, String networkHash) {
        String h = networkHash == null ? "" : networkHash.strip().toLowerCase(Locale.ROOT);
        if (!NETWORK_HASH.matcher(h).matches()) {
            throw new Refused("give the network as listed (64 hex digits) or as an address in it");
        }
        return voidSource(
                actor, VoteStore.Source.NETWORK, h, "void_network_votes", "network " + h.substring(0, 12) + "…");
    }

    private int voidSource(String actor, VoteStore.Source source, String subject, String action, String named) {
        VoteStore.VisitorVotes before = p.votes().votesOf(source, subject);
        if (before.counted() == 0 && before.voided() == 0) throw new Refused(named + " has no votes");
        int n = p.votes().voidVotes(source, subject, now());
        if (before.firstCountedAt() != null) p.resnapshot().accept(before.firstCountedAt());
        VoteStore.VisitorVotes after = p.votes().votesOf(source, subject);
        audit(
                actor,
                action,
                subject,
                Map.of("counted", before.counted(), "voided", before.voided()),
                Map.of("counted", after.counted(), "voided", after.voided()));
        return n;
    }

    /** The visitors with the most counted votes, each with the model its votes favour most: for spotting an abusive one. */
    public List<VoteStore.VoteSource> topVisitors(int limit) {
        return p.votes().topSources(VoteStore.Source.VISITOR, limit);
    }

    /** The networks with the most counted votes, with how many visitors voted from each and their lean. */
    public List<VoteStore.VoteSource> topNetworks(int limit) {
        return p.votes().topSources(VoteStore.Source.NETWORK, limit);
    }

    // ---- audit ----

    public List<AdminStore.AuditRow> audit(int limit) {
        return p.audit().recentAudit(limit);
    }

    private void audit(String actor, String action, String target, Map<String, ?> before, Map<String, ?> after) {
        p.audit().audit(now(), actor, action, target, json(before), json(after));
    }

    private long now() {
        return p.clock().millis();
    }

    private static double round(double usd) {
        return Math.round(usd * 1e6) / 1e6;
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    private static String json(Map<String, ?> m) {
        try {
            return m == null ? null : JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
