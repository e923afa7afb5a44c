package autobench.cli;

import autobench.admin.AdminStore;
import autobench.admin.Operator;
import autobench.task.StoredTask;
import autobench.vote.Battles;
import autobench.vote.VoteStore;
import autobench.wiring.Assembly;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The operator's actions from a shell, the same as the operator pages: each writes an audit row
 * naming {@code cli:<os user>}.
 */
@Command(
        name = "admin",
        description = "Operator actions (the same as the operator pages); each one is written to the audit log.",
        subcommands = {
            AdminCommand.Tasks.class,
            AdminCommand.Approve.class,
            AdminCommand.Edit.class,
            AdminCommand.Reject.class,
            AdminCommand.DisableModel.class,
            AdminCommand.EnableModel.class,
            AdminCommand.ResendDay.class,
            AdminCommand.Hide.class,
            AdminCommand.Unhide.class,
            AdminCommand.Visitors.class,
            AdminCommand.Networks.class,
            AdminCommand.VoidVotes.class,
            AdminCommand.Audit.class
        })
public final class AdminCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** How the audit log names an action from the command line. */
    static String actor() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }

    /** Runs one action on an arena opened from the config. */
    abstract static class Action implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        /** Whether the action needs provider keys (only a re-send does). */
        boolean needsKeys() {
            return false;
        }

        @Override
        public Integer call() {
            try (Assembly arena =
                    Assembly.assemble(needsKeys() ? Assembly.PIPELINE : Assembly.TOOL, config.load(needsKeys()))) {
                return run(arena, arena.operator());
            }
        }

        abstract int run(Assembly arena, Operator op);
    }

    @Command(name = "tasks", description = "List the tasks awaiting approval (auto_approve: false).")
    static final class Tasks extends Action {
        @Override
        int run(Assembly arena, Operator op) {
            var tasks = op.awaitingApproval();
            if (tasks.isEmpty()) System.out.println("no tasks awaiting approval");
            for (StoredTask t : tasks) {
                System.out.println(t.id() + "  " + t.day() + " #" + t.slot() + "  "
                        + t.category().wireName() + "  " + t.title());
            }
            return 0;
        }
    }

    @Command(name = "approve", description = "Approve a proposed task: it is dispatched with the next run.")
    static final class Approve extends Action {
        @Parameters(paramLabel = "TASK_ID")
        String task;

        @Override
        int run(Assembly arena, Operator op) {
            op.approve(actor(), task);
            System.out.println("approved " + task);
            return 0;
        }
    }

    @Command(name = "edit", description = "Replace a proposed task's title and/or prompt, then approve it.")
    static final class Edit extends Action {
        @Parameters(paramLabel = "TASK_ID")
        String task;

        @Option(names = "--title", description = "The new title (default: keep).")
        String title;

        @Option(
                names = "--prompt-file",
                paramLabel = "FILE",
                description = "A file holding the new prompt (default: keep).")
        Path promptFile;

        @Override
        int run(Assembly arena, Operator op) {
            StoredTask t = arena.storage()
                    .tasks()
                    .byId(task)
                    .orElseThrow(() -> new IllegalArgumentException("no task with id " + task));
            String prompt = t.prompt();
            if (promptFile != null) {
                try {
                    prompt = Files.readString(promptFile);
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot read " + promptFile + ": " + e.getMessage());
                }
            }
            op.editAndApprove(actor(), task, title == null ? t.title() : title, prompt);
            System.out.println("edited and approved " + task);
            return 0;
        }
    }

    @Command(name = "reject", description = "Reject a proposed task: it is kept, never sent, and its slot stays empty.")
    static final class Reject extends Action {
        @Parameters(paramLabel = "TASK_ID")
        String task;

        @Override
        int run(Assembly arena, Operator op) {
            op.reject(actor(), task);
            System.out.println("rejected " + task);
            return 0;
        }
    }

    @Command(
            name = "disable-model",
            description = "Stop dispatching new submissions to a model (survives restarts and config changes).")
    static final class DisableModel extends Action {
        @Parameters(paramLabel = "MODEL_ID")
        String model;

        @Override
        int run(Assembly arena, Operator op) {
            op.setModelDisabled(actor(), model, true);
            System.out.println("disabled " + model + ": it gets no new submissions until `autobench admin enable-model "
                    + model + "`");
            return 0;
        }
    }

    @Command(name = "enable-model", description = "Undo disable-model.")
    static final class EnableModel extends Action {
        @Parameters(paramLabel = "MODEL_ID")
        String model;

        @Override
        int run(Assembly arena, Operator op) {
            op.setModelDisabled(actor(), model, false);
            System.out.println("enabled " + model);
            return 0;
        }
    }

    @Command(
            name = "resend-day",
            description =
                    "Re-send every unknown submission of a day. Without --yes, prints how many and what they may cost, and sends nothing.")
    static final class ResendDay extends Action {
        @Option(
                names = "--date",
                paramLabel = "YYYY-MM-DD",
                description = "The arena day (default: today in the configured zone).")
        LocalDate date;

        @Option(names = "--yes", description = "Send them. Without it nothing is sent.")
        boolean yes;

        @Override
        boolean needsKeys() {
            return yes;
        }

        @Override
        int run(Assembly arena, Operator op) {
            LocalDate day = date != null ? date : arena.today().date();
            Operator.ResendEstimate e = op.resendEstimate(day);
            if (e.count() == 0) {
                System.out.println("no unknown submissions on " + day + ": nothing to re-send");
                return 0;
            }
            System.out.printf(
                    Locale.ROOT,
                    "%d unknown submission(s) on %s; re-sending may cost $%.4f expected, at most $%.4f%n",
                    e.count(),
                    day,
                    e.expectedUsd(),
                    e.upperUsd());
            System.out.println("  (" + e.basis() + ")");
            for (Operator.ResendLine l : e.lines()) {
                System.out.printf(
                        Locale.ROOT,
                        "  %s  %-20s  %s  expected %s, at most $%.4f%n",
                        l.submissionId(),
                        l.modelId(),
                        l.taskTitle(),
                        l.expectedUsd() == null ? "unknown" : String.format(Locale.ROOT, "$%.4f", l.expectedUsd()),
                        l.upperUsd());
            }
            if (!yes) {
                System.out.println(
                        "nothing sent; run again with --yes to re-send them (each is a new ledger attempt and may be paid twice)");
                return 0;
            }
            Operator.ResendResult r = op.resendDay(actor(), day, e.count());
            r.outcomes().forEach((id, what) -> System.out.println("re-sent " + id + ": " + what));
            return 0;
        }
    }

    @Command(
            name = "hide",
            description = "Hide an answer from the public pages, the API and new battles (votes already cast stay).")
    static final class Hide extends Action {
        @Parameters(paramLabel = "SUBMISSION_ID")
        String submission;

        @Override
        int run(Assembly arena, Operator op) {
            op.setHidden(actor(), submission, true);
            System.out.println("hidden " + submission);
            return 0;
        }
    }

    @Command(name = "unhide", description = "Show a hidden answer again.")
    static final class Unhide extends Action {
        @Parameters(paramLabel = "SUBMISSION_ID")
        String submission;

        @Override
        int run(Assembly arena, Operator op) {
            op.setHidden(actor(), submission, false);
            System.out.println("shown again " + submission);
            return 0;
        }
    }

    @Command(
            name = "visitors",
            description =
                    "The visitors with the most counted votes and the model each leans to (to find an abusive one).")
    static final class Visitors extends Action {
        @Option(names = "--limit", defaultValue = "20")
        int limit;

        @Override
        int run(Assembly arena, Operator op) {
            op.topVisitors(limit).forEach(v -> System.out.println(line(v, "networks")));
            return 0;
        }
    }

    @Command(
            name = "networks",
            description = "The networks (IPv4 /24, IPv6 /64; shown as keyed hashes) with the most counted votes, "
                    + "their visitors and the model each leans to.")
    static final class Networks extends Action {
        @Option(names = "--limit", defaultValue = "20")
        int limit;

        @Override
        int run(Assembly arena, Operator op) {
            op.topNetworks(limit).forEach(n -> System.out.println(line(n, "visitors")));
            return 0;
        }
    }

    /** One source per line: who, votes, how many of the other kind, the lean, the last vote. */
    static String line(VoteStore.VoteSource s, String others) {
        String lean = s.lean() == null
                ? "no lean yet"
                : String.format(
                        "leans to %s: %d of %d (%d %%)",
                        s.lean().modelId(),
                        s.lean().choseModel(),
                        s.lean().withModel(),
                        Math.round(s.lean().share() * 100));
        return s.subject() + "  " + s.votes() + " votes, " + s.others() + " " + others + ", " + lean + ", last "
                + Instant.ofEpochMilli(s.lastCastAt());
    }

    @Command(
            name = "void-votes",
            description = "Void every vote of a visitor, or of a network with --network: kept, marked voided, "
                    + "no longer counted anywhere.")
    static final class VoidVotes extends Action {
        @Parameters(paramLabel = "VISITOR_ID", arity = "0..1")
        String visitor;

        @Option(
                names = "--network",
                paramLabel = "ADDRESS|HASH",
                description =
                        "an address or CIDR in the network (reduced to its /24 or /64 as configured), or the hash `networks` lists")
        String network;

        @Override
        int run(Assembly arena, Operator op) {
            if ((visitor == null) == (network == null))
                throw new Operator.Refused("give either a visitor id or --network, not both");
            if (visitor != null) {
                int n = op.voidVotes(actor(), visitor);
                System.out.println("voided " + n + " vote(s) of " + visitor);
                return 0;
            }
            String hash = HASH.matcher(network).matches()
                    ? network
                    : new Battles(
                                    arena.storage().votes(),
                                    arena.config().voting(),
                                    arena.config().zone(),
                                    arena.storage().clock(),
                                    new SecureRandom())
                            .networkHashOf(network);
            int n = op.voidNetwork(actor(), hash);
            System.out.println("voided " + n + " vote(s) from network " + hash);
            return 0;
        }

        private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    }

    @Command(name = "audit", description = "The audit log, newest first: when, who, action, target, before → after.")
    static final class Audit extends Action {
        @Option(names = "--limit", defaultValue = "50")
        int limit;

        @Override
        int run(Assembly arena, Operator op) {
            for (AdminStore.AuditRow r : op.audit(limit)) {
                System.out.println(Instant.ofEpochMilli(r.at()) + "  " + r.actor() + "  " + r.action() + "  "
                        + r.target() + "  " + r.before() + " → " + r.after());
            }
            return 0;
        }
    }
}
