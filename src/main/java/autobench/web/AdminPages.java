package autobench.web;

import autobench.admin.AdminStore;
import autobench.admin.Integrity;
import autobench.admin.Operator;
import autobench.ops.Manifest;
import autobench.task.StoredTask;
import autobench.vote.VoteStore;
import java.util.List;

/** The operator pages' records (src/main/jte/admin*.jte) and the public download page's. */
public final class AdminPages {
    private AdminPages() {}

    /** @param message a notice or an error to show above the form, or null */
    public record Login(String message) {}

    /** What every signed-in page needs: the CSRF token for its forms and a notice, if any. */
    public record Frame(String csrf, String notice, String error) {}

    /** @param topNetworks the networks with the most counted votes, each a keyed hash (the address is never stored) */
    public record Dashboard(
            Frame frame,
            List<StoredTask> proposed,
            List<Operator.ModelState> models,
            List<VoteStore.VoteSource> topVisitors,
            List<VoteStore.VoteSource> topNetworks,
            String today) {}

    /** The confirmation of a bulk re-send: nothing has been sent yet. */
    public record ResendConfirm(Frame frame, Operator.ResendEstimate estimate) {}

    public record Audit(Frame frame, List<AdminStore.AuditRow> rows) {}

    public record IntegrityPage(Frame frame, Integrity.View view) {}

    /**
     * The public download page.
     *
     * @param configured whether web.export_dir is set
     * @param name       the latest export's directory name, or null when there is none
     */
    public record Data(boolean configured, String name, Manifest manifest, List<Manifest.Entry> files) {}
}
