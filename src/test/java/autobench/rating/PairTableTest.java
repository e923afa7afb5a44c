package autobench.rating;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PairTableTest {

    @Test
    void numbers_pairs_in_order_of_first_sight_and_keeps_order_within_a_pair() {
        PairTable t = new PairTable();
        assertThat(t.indexOf(3, 7)).isZero();
        assertThat(t.indexOf(7, 3)).isEqualTo(1);
        assertThat(t.indexOf(3, 7)).isZero();
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.first(1)).isEqualTo(7);
        assertThat(t.second(1)).isEqualTo(3);
    }

    @Test
    void survives_growth_with_every_pair_of_many_models() {
        PairTable t = new PairTable();
        int n = 300, next = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) if (i != j) assertThat(t.indexOf(i, j)).isEqualTo(next++);
        for (int i = n - 1; i >= 0; i--)
            for (int j = n - 1; j >= 0; j--) {
                if (i == j) continue;
                int k = t.indexOf(i, j);
                assertThat(t.first(k)).isEqualTo(i);
                assertThat(t.second(k)).isEqualTo(j);
            }
        assertThat(t.size()).isEqualTo(n * (n - 1));
    }
}
