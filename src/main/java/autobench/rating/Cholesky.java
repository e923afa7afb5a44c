package autobench.rating;

/** Solves M x = y for a symmetric positive definite M, in place, by Cholesky factorisation. */
final class Cholesky {
    private Cholesky() {}

    /**
     * m is n×n row-major and is overwritten by its lower factor; y is overwritten by x.
     * Returns false if m is not positive definite (then both arrays hold garbage).
     */
    static boolean solveInPlace(double[] m, double[] y, int n) {
        for (int j = 0; j < n; j++) {
            int rj = j * n;
            double d = m[rj + j];
            for (int k = 0; k < j; k++) d -= m[rj + k] * m[rj + k];
            if (!(d > 0)) return false;
            double pivot = Math.sqrt(d);
            m[rj + j] = pivot;
            for (int i = j + 1; i < n; i++) {
                int ri = i * n;
                double s = m[ri + j];
                for (int k = 0; k < j; k++) s -= m[ri + k] * m[rj + k];
                m[ri + j] = s / pivot;
            }
        }
        for (int i = 0; i < n; i++) { // L z = y
            int ri = i * n;
            double s = y[i];
            for (int k = 0; k < i; k++) s -= m[ri + k] * y[k];
            y[i] = s / m[ri + i];
        }
        for (int i = n - 1; i >= 0; i--) { // Lᵀ x = z
            double s = y[i];
            for (int k = i + 1; k < n; k++) s -= m[k * n + i] * y[k];
            y[i] = s / m[i * n + i];
        }
        return true;
    }
}
