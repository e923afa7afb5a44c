package autobench.rating;

/**
 * Bradley–Terry by maximum likelihood: P(i beats j) = 1 / (1 + exp(θj − θi)). Maximises
 *
 * <pre>  ℓ(θ) = Σ_pairs [ w_ij·θi + w_ji·θj − n_ij·log(e^θi + e^θj) ] − (λ/2)·Σ θi²</pre>
 *
 * with damped Newton steps. The Hessian is the weighted graph Laplacian plus λI, positive definite
 * whenever λ > 0, so each step is one Cholesky solve; the likelihood is concave, so halving a step
 * until ℓ does not decrease always makes progress. Newton rather than MM because bootstrap rounds
 * start next to the answer, where Newton needs two or three steps and MM needs dozens.
 * One instance is a workspace for one thread; it is reused across rounds to avoid garbage.
 */
final class BradleyTerry {
    /** Converged when no log-strength moves more than this in a step (≈ 2e-6 Elo points). */
    static final double TOLERANCE = 1e-8;
    static final int MAX_ITERATIONS = 100;

    private final int n;
    private final double[] hessian;
    private final double[] gradient;
    private final double[] trial;

    BradleyTerry(int models) {
        n = models;
        hessian = new double[n * n];
        gradient = new double[n];
        trial = new double[n];
    }

    /**
     * Fits in place: theta holds the starting point and receives the estimate. wa[p] and wb[p] are
     * the (possibly fractional) wins of a[p] over b[p] and back. Returns the number of Newton steps
     * taken, or -1 when there is no finite maximum (prior 0 and someone never lost, or never won).
     */
    int fit(int[] a, int[] b, double[] wa, double[] wb, double prior, double[] theta) {
        if (prior == 0 && !beatsGraphIsStronglyConnected(a, b, wa, wb)) return -1;
        double f = logLikelihood(a, b, wa, wb, prior, theta);
        for (int it = 1; it <= MAX_ITERATIONS; it++) {
            buildNewtonSystem(a, b, wa, wb, prior, theta);
            if (!Cholesky.solveInPlace(hessian, gradient, n)) return -1;
            double[] step = gradient; // the solve overwrote the gradient with the Newton step
            double scale = 1.0, next = f;
            for (int halvings = 0; halvings < 40; halvings++, scale *= 0.5) {
                for (int i = 0; i < n; i++) trial[i] = theta[i] + scale * step[i];
                next = logLikelihood(a, b, wa, wb, prior, trial);
                if (next >= f - 1e-12 * (1 + Math.abs(f))) break;
            }
            double largest = 0;
            for (int i = 0; i < n; i++) {
                largest = Math.max(largest, Math.abs(trial[i] - theta[i]));
                theta[i] = trial[i];
            }
            f = next;
            if (largest < TOLERANCE) return it;
        }
        return -1;
    }

    private void buildNewtonSystem(int[] a, int[] b, double[] wa, double[] wb, double prior, double[] theta) {
        java.util.Arrays.fill(hessian, prior == 0 ? 1.0 / n : 0.0); // 1/n·J pins the free shift when λ = 0
        for (int i = 0; i < n; i++) {
            gradient[i] = -prior * theta[i];
            hessian[i * n + i] += prior;
        }
        for (int p = 0; p < a.length; p++) {
            double games = wa[p] + wb[p];
            if (games == 0) continue;
            int i = a[p], j = b[p];
            double s = sigmoid(theta[i] - theta[j]);
            double g = wa[p] - games * s;
            gradient[i] += g;
            gradient[j] -= g;
            double h = games * s * (1 - s);
            hessian[i * n + i] += h;
            hessian[j * n + j] += h;
            hessian[i * n + j] -= h;
            hessian[j * n + i] -= h;
        }
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
                if (aToB && seen[a[p]] && !seen[b[p]]) { seen[b[p]] = true; count++; grew = true; }
                if (bToA && seen[b[p]] && !seen[a[p]]) { seen[a[p]] = true; count++; grew = true; }
            }
        }
        return count == n;
    }

    static double logLikelihood(int[] a, int[] b, double[] wa, double[] wb, double prior, double[] theta) {
        double sum = 0;
        for (int p = 0; p < a.length; p++) {
            double games = wa[p] + wb[p];
            if (games == 0) continue;
            double d = theta[a[p]] - theta[b[p]];
            sum += wa[p] * d - games * softplus(d);
        }
        double penalty = 0;
        for (double t : theta) penalty += t * t;
        return sum - 0.5 * prior * penalty;
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    /** log(1 + e^x) without overflow. */
    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }
}
