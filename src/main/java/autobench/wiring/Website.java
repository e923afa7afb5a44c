package autobench.wiring;

import autobench.admin.AdminStore;
import autobench.admin.Integrity;
import autobench.admin.Operator;
import autobench.admin.Sessions;
import autobench.config.Config;
import autobench.cycle.CronTrigger;
import autobench.gallery.Gallery;
import autobench.ops.CronGate;
import autobench.ops.ExportShelf;
import autobench.rating.RatingSettings;
import autobench.render.PreviewLibraries;
import autobench.vote.Battles;
import autobench.web.Keys;
import autobench.web.LibraryLookup;
import autobench.web.Operations;
import autobench.web.OperatorParts;
import autobench.web.Site;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.LoggerFactory;

/**
 * What a {@code web} process serves: the gallery (the read model), battles and votes, the signing
 * keys, the cron/health/metrics endpoints, the operator's pages, the export shelf and the sandbox's
 * libraries, put together as the site's parts. It is given the operator and the cron trigger as
 * finished objects and holds no dispatcher and no provider: in a web-only process those do not
 * exist, and whatever would need them is queued for a worker (checked by the architecture test).
 */
public final class Website {
    private final Storage storage;
    private final Gallery gallery;
    private final Battles battles;
    private final Keys keys;
    private final Operations operations;
    private final OperatorParts operatorPages;
    private final ExportShelf exports;
    private final LibraryLookup libraries;
    private final LongSupplier modelCalls;
    private final LongSupplier otherCalls;

    /**
     * @param operator   the operator's actions (a re-send sends here or queues, as the process can)
     * @param cron       runs or queues what the cron triggers ask for
     * @param modelCalls calls made while serving a visitor (must stay 0)
     * @param otherCalls the process's other model calls (the schedule's, the workers'; 0 in a web-only process)
     */
    Website(
            Storage storage,
            Operator operator,
            CronTrigger cron,
            Function<String, String> env,
            LongSupplier modelCalls,
            LongSupplier otherCalls) {
        Config config = storage.config();
        this.storage = storage;
        this.modelCalls = modelCalls;
        this.otherCalls = otherCalls;
        this.gallery = new Gallery(
                new Gallery.Sources(
                        storage.tasks(),
                        storage.submissions(),
                        storage.renders(),
                        storage.artifacts(),
                        storage.models(),
                        storage.votes(),
                        storage.snapshots()),
                RatingSettings.DEFAULTS,
                storage.reveal());
        // Reads (or creates) the server secret that signs battle tickets.
        this.battles = new Battles(storage.votes(), config.voting(), storage.reveal(), new SecureRandom());
        this.keys = keys(config, env);
        this.operations = new Operations(
                new CronGate(cronSecret(env, config.cronSecretEnv()), storage.clock()),
                cron,
                () -> storage.today().date(),
                storage::databaseAnswers,
                storage.meters()::scrape);
        Sessions sessions = new Sessions(
                new AdminStore(storage.database()), secret(env, config.web().adminTokenEnv()), storage.clock());
        Integrity integrity = new Integrity(
                storage.verifier()::run,
                storage.costs(),
                storage.tasks(),
                storage.submissions(),
                () -> storage.today().date());
        this.operatorPages = new OperatorParts(
                sessions, operator, integrity, () -> storage.today().date());
        String dir = config.web().exportDir();
        this.exports = new ExportShelf(dir == null ? null : Path.of(dir));
        this.libraries = libraryLookup(PreviewLibraries.bundled());
    }

    /** The sandbox's view of the bundled libraries: their preview form, with the forms compressed at build time. */
    public static LibraryLookup libraryLookup(PreviewLibraries previews) {
        return url -> previews.lookup(url)
                .map(p -> new LibraryLookup.Served(
                        p.body(),
                        p.contentType(),
                        p.sha(),
                        p.gzip() ? Optional.of(() -> PreviewLibraries.gzip(p.sha())) : Optional.empty(),
                        p.br() ? Optional.of(() -> PreviewLibraries.brotli(p.sha())) : Optional.empty()));
    }

    /** The website's read model: published tasks, answers, leaderboards. */
    public Gallery gallery() {
        return gallery;
    }
    /** Blind battles and votes. */
    public Battles battles() {
        return battles;
    }
    /** The cron triggers, health and metrics. */
    public Operations operations() {
        return operations;
    }
    /** The operator's pages: sign-in, actions, integrity. */
    public OperatorParts operatorPages() {
        return operatorPages;
    }

    /** The site's parts for these listening settings (ports, cache) and interface. */
    public Site.Parts siteParts(Config.Web web, String host) {
        Config config = storage.config();
        return new Site.Parts(
                gallery,
                battles,
                keys,
                libraries,
                web,
                host,
                config.zone(),
                storage.clock(),
                modelCalls,
                otherCalls,
                operations,
                operatorPages,
                exports,
                storage.meters());
    }

    /** The key that signs visitors' cookies and tickets: shared through web.secret_env, else this process's own. */
    private static Keys keys(Config config, Function<String, String> env) {
        String name = config.web().secretEnv();
        String shared = name == null ? null : env.apply(name);
        if (shared != null && !shared.isBlank()) return new Keys(shared.getBytes(StandardCharsets.UTF_8));
        if (name != null) throw new IllegalStateException("web.secret_env names " + name + ", which is not set");
        if (config.database().startsWith("jdbc:postgresql:")) {
            // Several web processes on one database each sign with their own key unless told otherwise.
            LoggerFactory.getLogger(Website.class)
                    .warn(
                            "web.secret_env is not set: this process signs battle tokens with a key of "
                                    + "its own, so a vote that reaches another web process is refused. With more than one web process, set "
                                    + "web.secret_env to a variable holding the same key everywhere (docs/operations.md, \"Many instances\").");
        }
        return Keys.random();
    }

    /** The x-cron-secret as the variable holds it; {@code null}: cron triggers are off. */
    private static String cronSecret(Function<String, String> env, String variable) {
        String v = variable == null ? null : env.apply(variable);
        return v == null || v.isBlank() ? null : v;
    }

    /** A secret from the variable the config names; {@code null} (the feature is off) when unnamed or empty. */
    private static String secret(Function<String, String> env, String variable) {
        String v = variable == null ? null : env.apply(variable);
        return v == null || v.isBlank() ? null : v.strip();
    }
}
