package autobench.web;

import autobench.admin.Operator;
import autobench.admin.Sessions;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator pages under /admin: sign-in with the admin token, a session cookie (HttpOnly,
 * SameSite=Strict, path /admin), a CSRF token bound to the session in every form, and the actions
 * of {@link Operator}. Nothing here is ever cached: every answer carries Cache-Control: no-store
 * and none goes through the page cache. Without a configured token every page answers 404.
 */
final class AdminHandlers {
    private static final Logger log = LoggerFactory.getLogger(AdminHandlers.class);
    static final String COOKIE = "ab_admin";
    static final String NO_STORE = "no-store";
    // A bulk re-send can take as long as the slowest model: it runs here, the operator sees the audit log.
    private static final ExecutorService BACKGROUND = Executors.newVirtualThreadPerTaskExecutor();

    private final OperatorParts p;
    private final Templates templates;
    private final Origins origins;
    private final Runnable dataChanged;

    AdminHandlers(OperatorParts parts, Templates templates, Origins origins, Runnable dataChanged) {
        this.p = parts;
        this.templates = templates;
        this.origins = origins;
        this.dataChanged = dataChanged;
    }

    private boolean off(Context ctx) {
        ctx.header("Cache-Control", NO_STORE);
        if (p != null && p.sessions().enabled()) return false;
        send(
                ctx,
                templates.page(
                        404,
                        "error",
                        new Pages.Error(
                                404,
                                "The operator pages are off: set web.admin_token_env in the config to the name of an environment variable holding the admin token.")));
        return true;
    }

    /** The signed-in session, or the login page (401) and empty. */
    private Optional<Sessions.Session> session(Context ctx) {
        Optional<Sessions.Session> s = p.sessions().find(ctx.cookie(COOKIE));
        if (s.isEmpty()) send(ctx, templates.page(401, "admin_login", new AdminPages.Login(null)));
        return s;
    }

    void dashboard(Context ctx) {
        if (off(ctx)) return;
        session(ctx)
                .ifPresent(s -> send(
                        ctx,
                        templates.page(
                                "admin",
                                new AdminPages.Dashboard(
                                        frame(ctx, s),
                                        p.operator().awaitingApproval(),
                                        p.operator().models(),
                                        p.operator().topVisitors(20),
                                        p.operator().topNetworks(20),
                                        todayHint()))));
    }

    void audit(Context ctx) {
        if (off(ctx)) return;
        session(ctx)
                .ifPresent(s -> send(
                        ctx,
                        templates.page(
                                "admin_audit",
                                new AdminPages.Audit(frame(ctx, s), p.operator().audit(500)))));
    }

    void integrity(Context ctx) {
        if (off(ctx)) return;
        session(ctx)
                .ifPresent(s -> send(
                        ctx,
                        templates.page(
                                "admin_integrity",
                                new AdminPages.IntegrityPage(
                                        frame(ctx, s), p.integrity().now()))));
    }

    void login(Context ctx) {
        if (off(ctx)) return;
        String address = origins.clientAddress(ctx);
        switch (p.sessions().login(ctx.formParam("token"), address)) {
            case Sessions.SignedIn in -> {
                log.info(
                        "operator signed in from {} as {}",
                        address,
                        in.session().actor());
                Cookie c = new Cookie(
                        COOKIE,
                        in.cookie(),
                        "/admin",
                        (int) Sessions.LIFETIME.toSeconds(),
                        origins.secure(ctx),
                        true,
                        null,
                        SameSite.STRICT);
                ctx.cookie(c);
                ctx.redirect("/admin", HttpStatus.SEE_OTHER);
            }
            case Sessions.Refused r -> {
                log.warn("operator sign-in refused from {}: wrong or missing token", address);
                send(ctx, templates.page(401, "admin_login", new AdminPages.Login("Wrong or missing token.")));
            }
            case Sessions.SlowDown r -> {
                ctx.header("Retry-After", "60");
                send(
                        ctx,
                        templates.page(
                                429,
                                "admin_login",
                                new AdminPages.Login("Too many attempts from your address; wait a minute.")));
            }
            case Sessions.Off o ->
                send(ctx, templates.page(404, "error", new Pages.Error(404, "The operator pages are off.")));
        }
    }

    void action(Context ctx) {
        if (off(ctx)) return;
        Optional<Sessions.Session> maybe = session(ctx);
        if (maybe.isEmpty()) return;
        Sessions.Session s = maybe.get();
        if (!Sessions.csrfMatches(s, ctx.formParam("csrf"))) {
            log.warn(
                    "operator action {} refused: missing or wrong CSRF token ({})", ctx.pathParam("action"), s.actor());
            send(
                    ctx,
                    templates.page(
                            403,
                            "error",
                            new Pages.Error(
                                    403,
                                    "This form's CSRF token is missing or does not belong to your session, so nothing was changed. Reload the operator page and try again.")));
            return;
        }
        String actor = s.actor();
        Operator op = p.operator();
        String action = ctx.pathParam("action");
        try {
            switch (action) {
                case "logout" -> {
                    p.sessions().logout(s);
                    ctx.removeCookie(COOKIE, "/admin");
                    send(ctx, templates.page("admin_login", new AdminPages.Login("Signed out.")));
                    return;
                }
                case "approve" -> done(ctx, "/admin", () -> op.approve(actor, required(ctx, "task")), "Task approved.");
                case "reject" -> done(ctx, "/admin", () -> op.reject(actor, required(ctx, "task")), "Task rejected.");
                case "edit" ->
                    done(
                            ctx,
                            "/admin",
                            () -> op.editAndApprove(
                                    actor, required(ctx, "task"), ctx.formParam("title"), ctx.formParam("prompt")),
                            "Task edited and approved.");
                case "disable-model" ->
                    done(
                            ctx,
                            "/admin",
                            () -> op.setModelDisabled(actor, required(ctx, "model"), true),
                            "Model disabled.");
                case "enable-model" ->
                    done(
                            ctx,
                            "/admin",
                            () -> op.setModelDisabled(actor, required(ctx, "model"), false),
                            "Model enabled.");
                case "hide" ->
                    done(ctx, "/admin", () -> op.setHidden(actor, required(ctx, "submission"), true), "Answer hidden.");
                case "unhide" ->
                    done(
                            ctx,
                            "/admin",
                            () -> op.setHidden(actor, required(ctx, "submission"), false),
                            "Answer shown again.");
                case "void-votes" -> {
                    int n = op.voidVotes(actor, required(ctx, "visitor"));
                    dataChanged.run();
                    redirect(ctx, "/admin", "Voided " + n + " vote(s).");
                }
                case "void-network" -> {
                    int n = op.voidNetwork(actor, required(ctx, "network"));
                    dataChanged.run();
                    redirect(ctx, "/admin", "Voided " + n + " vote(s) from that network.");
                }
                case "resend" -> {
                    LocalDate day = day(required(ctx, "day"));
                    send(
                            ctx,
                            templates.page(
                                    "admin_resend",
                                    new AdminPages.ResendConfirm(
                                            new AdminPages.Frame(s.csrf(), null, null), op.resendEstimate(day))));
                }
                case "resend-one" ->
                    send(
                            ctx,
                            templates.page(
                                    "admin_resend",
                                    new AdminPages.ResendConfirm(
                                            new AdminPages.Frame(s.csrf(), null, null),
                                            op.resendEstimate(required(ctx, "submission")))));
                case "resend-one-confirm" -> {
                    String id = required(ctx, "submission");
                    if (!"yes".equals(ctx.formParam("confirm")))
                        throw new Operator.Refused("not confirmed: nothing was sent");
                    op.resendEstimate(id); // refuses a submission that is not unknown or failed any more
                    log.warn("operator re-send of submission {} ({})", id, actor);
                    BACKGROUND.submit(() -> {
                        try {
                            op.resendOne(actor, id);
                            dataChanged.run();
                        } catch (RuntimeException ex) {
                            log.error("re-send of {} failed", id, ex);
                        }
                    });
                    redirect(
                            ctx,
                            "/admin/audit",
                            op.resendsHere()
                                    ? "Re-sending submission " + id
                                            + " in the background; a resend row appears here when it is done."
                                    : "Submission " + id
                                            + " is queued for a worker: this web process sends nothing itself. A resend row appears"
                                            + " here now; the worker's result is in ./autobench runs.");
                }
                case "resend-confirm" -> {
                    LocalDate day = day(required(ctx, "day"));
                    int count = count(required(ctx, "count"));
                    if (!"yes".equals(ctx.formParam("confirm")))
                        throw new Operator.Refused("not confirmed: nothing was sent");
                    Operator.ResendEstimate e = op.resendEstimate(day);
                    if (e.count() != count) {
                        throw new Operator.Refused("the confirmation was for " + count + " submission(s) but " + day
                                + " now has " + e.count() + " unknown: look at the new estimate and confirm again");
                    }
                    log.warn("operator bulk re-send of {} unknown submission(s) of {} ({})", count, day, actor);
                    BACKGROUND.submit(() -> {
                        try {
                            op.resendDay(actor, day, count);
                            dataChanged.run();
                        } catch (RuntimeException ex) {
                            log.error("bulk re-send of {} failed", day, ex);
                        }
                    });
                    redirect(
                            ctx,
                            "/admin/audit",
                            op.resendsHere()
                                    ? "Re-sending " + count + " submission(s) of " + day
                                            + " in the background; a resend_day row appears here when it is done."
                                    : count + " submission(s) of " + day
                                            + " are queued for a worker: this web process sends nothing itself."
                                            + " A resend_day row appears here now; the worker's results are in ./autobench runs.");
                }
                default ->
                    send(ctx, templates.page(404, "error", new Pages.Error(404, "No such operator action: " + action)));
            }
        } catch (Operator.Refused e) {
            send(ctx, templates.page(400, "error", new Pages.Error(400, e.getMessage() + " (nothing was changed)")));
        }
    }

    private void done(Context ctx, String to, Runnable change, String notice) {
        change.run();
        dataChanged.run();
        redirect(ctx, to, notice);
    }

    private static void redirect(Context ctx, String to, String notice) {
        ctx.redirect(to + "?notice=" + URLEncoder.encode(notice, StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
    }

    private static AdminPages.Frame frame(Context ctx, Sessions.Session s) {
        String notice = ctx.queryParam("notice");
        return new AdminPages.Frame(s.csrf(), notice == null || notice.length() > 300 ? null : notice, null);
    }

    private String todayHint() {
        return p.today().get().toString();
    }

    private static String required(Context ctx, String name) {
        String v = ctx.formParam(name);
        if (v == null || v.isBlank()) throw new Operator.Refused("the form lacks '" + name + "'");
        return v.strip();
    }

    private static LocalDate day(String s) {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new Operator.Refused("'" + s + "' is not a date (YYYY-MM-DD)");
        }
    }

    private static int count(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new Operator.Refused("'" + s + "' is not a count");
        }
    }

    private static void send(Context ctx, Response r) {
        ctx.header("Cache-Control", NO_STORE);
        ctx.status(r.status()).contentType(r.contentType()).result(r.body());
    }
}
