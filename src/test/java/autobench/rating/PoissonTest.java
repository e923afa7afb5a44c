package autobench.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PoissonTest {
    private static final int N = 200_000;

    @ParameterizedTest(name = "mean {0}")
    @ValueSource(doubles = {0.3, 2, 9.99, 10, 37, 500, 1000, 1000.5, 100_000})
    void samples_have_the_poisson_mean_and_variance(double mean) {
        SplittableRandom rng = new SplittableRandom(42);
        Poisson poisson = new Poisson(mean);
        double sum = 0, sumSq = 0;
        for (int i = 0; i < N; i++) {
            long k = poisson.sample(rng);
            sum += k;
            sumSq += (double) k * k;
        }
        double m = sum / N, variance = sumSq / N - m * m;
        assertThat(m).isCloseTo(mean, within(5 * Math.sqrt(mean / N)));
        assertThat(variance / mean).isCloseTo(1.0, within(0.03));
    }

    @ParameterizedTest(name = "mean {0}")
    @ValueSource(doubles = {0.7, 15, 1500})
    void frequencies_match_the_poisson_probabilities_in_both_regimes(double mean) {
        // 0.7 and 15 go through the alias table, 1500 through rejection (PTRS)
        SplittableRandom rng = new SplittableRandom(7);
        Poisson poisson = new Poisson(mean);
        int base = (int) Math.max(0, mean - 4 * Math.sqrt(mean)), span = (int) (8 * Math.sqrt(mean)) + 4;
        int[] hits = new int[span];
        for (int i = 0; i < N; i++) {
            long k = poisson.sample(rng) - base;
            if (k >= 0 && k < span) hits[(int) k]++;
        }
        for (int k = 0; k < span; k++) {
            double p = Math.exp(-mean + (base + k) * Math.log(mean) - Poisson.logFactorial(base + k));
            assertThat(hits[k] / (double) N)
                    .as("P(X = %d)", base + k)
                    .isCloseTo(p, within(5 * Math.sqrt(p * (1 - p) / N) + 1e-5));
        }
    }

    @Test
    void zero_mean_gives_zero() {
        assertThat(new Poisson(0).sample(new SplittableRandom(1))).isZero();
    }

    @Test
    void log_factorial_matches_the_sum_of_logs() {
        double exact = 0;
        for (int k = 1; k <= 2000; k++) {
            exact += Math.log(k);
            assertThat(Poisson.logFactorial(k)).as("log %d!", k).isCloseTo(exact, within(1e-9 * Math.max(1, exact)));
        }
    }
}
