package autobench.rating;

/**
 * Solves M x = y for a symmetric positive definite M by Gaussian elimination without pivoting
 * (stable for such matrices; it is Cholesky's LDLᵀ in another order). Only the upper triangle is
 * read or written. Rows are separate arrays so the inner update, {@code row_i[j] -= f·row_k[j]},
 * is a plain same-index loop the JIT turns into vector instructions; for 100 models that is most of
 * the cost of a Newton step.
 */
final class SpdSolver {
    private SpdSolver() {}

    /** Overwrites m and y (y becomes x). Returns false if a pivot is not positive. */
    static boolean solveInPlace(double[][] m, double[] y) {
        int n = y.length;
        for (int k = 0; k < n; k++) {
            double[] rowK = m[k];
            double pivot = rowK[k];
            if (!(pivot > 0)) return false;
            for (int i = k + 1; i < n; i++) {
                double f = rowK[i] / pivot; // = m[i][k] / pivot by symmetry
                if (f == 0) continue; // models that never met: nothing to eliminate
                double[] rowI = m[i];
                for (int j = i; j < n; j++) rowI[j] -= f * rowK[j];
                y[i] -= f * y[k];
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            double[] row = m[i];
            double s = y[i];
            for (int j = i + 1; j < n; j++) s -= row[j] * y[j];
            y[i] = s / row[i];
        }
        return true;
    }
}
