package autobench.rating;

import java.util.Arrays;

/**
 * Bradley–Terry by maximum likelihood: P(i beats j) = 1 / (1 + exp(θj − θi)). Maximises
 *
 * <pre>  ℓ(θ) = Σ_pairs [ w_ij·θi + w_ji·θj − n_ij·log(e^θi + e^θj) ] − (λ/2)·Σ θi²</pre>
 *
 * with damped Newton steps. The Hessian is the weighted graph Laplacian plus λI, positive definite
 * whenever λ > 0, so each step is one linear solve; ℓ is concave, so halving a step that lowered ℓ
 * always makes progress. Newton rather than MM because bootstrap rounds start next to the answer,
 * where Newton needs three steps and MM dozens. ℓ, its gradient and Hessian come from one
 * pass over the pairs (one exp and one log each). An instance is a workspace for one thread,
 * reused across rounds to avoid garbage; pairs must have a[p] &lt; b[p].
 */
final class BradleyTerry {
    /**
     * Converged when no log-strength moved more than this in the last step (≈ 2e-4 Elo points).
     * Near the optimum Newton converges quadratically (measured: each step ≈ 0.2 × the previous
     * squared), so the error left after such a step is far smaller still, around 1e-13.
     */
    static final double TOLERANCE = 1e-6;

    static final int MAX_ITERATIONS = 100;

    private final int n;
    private final double[][] hessian; // upper triangle used
    private final double[] gradient;
    private final double[] previous;

    BradleyTerry(int models) {
        n = models;
        hessian = new double[n][n];
        gradient = new double[n];
        previous = new double[n];
    }

    /**
     * Fits in place: theta holds the starting point and receives the estimate. wa[p] and wb[p] are
     * the (possibly fractional) wins of a[p] over b[p] and back. Returns the number of passes over
     * the data, or -1 when there is no finite maximum (prior 0 and someone never lost, or never won).
     */
    int fit(int[] a, int[] b, double[] wa, double[] wb, double prior, double[] theta) {
        if (prior == 0 && !beatsGraphIsStronglyConnected(a, b, wa, wb)) return -1;
        double before = Double.NEGATIVE_INFINITY;
        for (int it = 1; it <= MAX_ITERATIONS; it++) {
            double f = evaluate(a, b, wa, wb, prior, theta);
            if (f < before - 1e-12 * (1 + Math.abs(before))) { // the last step overshot: go half as far
                for (int i = 0; i < n; i++) theta[i] = previous[i] + 0.5 * (theta[i] - previous[i]);
                continue;
            }
            if (!SpdSolver.solveInPlace(hessian, gradient)) return -1;
            before = f;
            System.arraycopy(theta, 0, previous, 0, n);
            double largest = 0;
            for (int i = 0; i < n; i++) {
                theta[i] += gradient[i]; // the solve turned the gradient into the Newton step
                largest = Math.max(largest, Math.abs(gradient[i]));
            }
            if (largest < TOLERANCE) return it;
        }
        return -1;
    }

    /** Returns ℓ(θ) and fills the gradient and the negated Hessian (upper triangle). */
    private double evaluate(int[] a, int[] b, double[] wa, double[] wb, double prior, double[] theta) {
        double fill = prior == 0 ? 1.0 / n : 0.0; // with λ = 0, adding J/n pins the free shift
        double penalty = 0;
        for (int i = 0; i < n; i++) {
            Arrays.fill(hessian[i], i, n, fill);
            hessian[i][i] += prior;
            gradient[i] = -prior * theta[i];
            penalty += theta[i] * theta[i];
        }
        double f = -0.5 * prior * penalty;
        for (int p = 0; p < a.length; p++) {
            double games = wa[p] + wb[p];
            if (games == 0) continue;
            int i = a[p], j = b[p];
            double d = theta[i] - theta[j];
            double e = Math.exp(-Math.abs(d)); // in (0, 1]: no overflow either way
            double s = d >= 0 ? 1 / (1 + e) : e / (1 + e); // P(i beats j)
            f += wa[p] * d - games * (Math.max(d, 0) + Math.log(1 + e)); // log(1 + e^d), stably
            double g = wa[p] - games * s;
            gradient[i] += g;
            gradient[j] -= g;
            double h = games * s * (1 - s);
            hessian[i][i] += h;
            hessian[j][j] += h;
            hessian[i][j] -= h;
        }
        return f;
    }

    /**
     * Without a prior the maximum is finite only if, however the models are split in two, someone
     * on each side beat someone on the other (Ford 1957): the "beat" graph is strongly connected.
     * Checked up front because Newton would otherwise creep off to infinity until doubles saturate.
     */
    private boolean beatsGraphIsStronglyConnected(int[] a, int[] b, double[] wa, double[] wb) {
        return reachesAll(a, b, wa, wb, true) && reachesAll(a, b, wa, wb, false);
    }

    private boolean reachesAll(int[] a, int[] b, double[] wa, double[] wb, boolean forward) {
        boolean[] seen = new boolean[n];
        seen[0] = true;
        int count = 1;
        for (boolean grew = true; grew; ) { // repeated sweeps: O(pairs · depth), fine for a one-off check
            grew = false;
            for (int p = 0; p < a.length; p++) {
                boolean aToB = forward ? wa[p] > 0 : wb[p] > 0, bToA = forward ? wb[p] > 0 : wa[p] > 0;
                if (aToB && seen[a[p]] && !seen[b[p]]) {
                    seen[b[p]] = true;
                    count++;
                    grew = true;
                }
                if (bToA && seen[b[p]] && !seen[a[p]]) {
                    seen[a[p]] = true;
                    count++;
                    grew = true;
                }
            }
        }
        return count == n;
    }
}
