package autobench.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.testing.Fuzz;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The labels of blind answers: stable, keyed, and unrelated to the model order. */
class LabelsTest {

    static LongStream seeds() {
        return Fuzz.seeds(20);
    }

    private static byte[] key(SplittableRandom r) {
        byte[] k = new byte[32];
        r.nextBytes(k);
        return k;
    }

    private static List<String> ids(SplittableRandom r, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new UUID(r.nextLong(), r.nextLong()).toString());
        return out;
    }

    @Test
    void labels_run_a_to_z_then_two_letters() {
        assertThat(Labels.label(0)).isEqualTo("Answer A");
        assertThat(Labels.label(25)).isEqualTo("Answer Z");
        assertThat(Labels.label(26)).isEqualTo("Answer AA");
        assertThat(Labels.label(27)).isEqualTo("Answer AB");
        assertThat(Labels.label(26 + 26 * 26)).isEqualTo("Answer AAA");
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void the_label_order_is_the_same_whatever_order_the_answers_arrive_in_and_in_every_process(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] k = key(r);
        Labels labels = new Labels(k);
        List<String> answers = ids(r, 2 + r.nextInt(8));
        List<String> shuffled = new ArrayList<>(answers);
        Collections.shuffle(shuffled, new Random(seed));
        assertThat(labels.order("task-1", shuffled))
                .isEqualTo(labels.order("task-1", answers))
                .containsExactlyInAnyOrderElementsOf(answers);
        // another process with the same stored key shows the same labels
        assertThat(new Labels(k.clone()).order("task-1", answers)).isEqualTo(labels.order("task-1", answers));
    }

    /**
     * Over many tasks whose four answers arrive in model order (as the database lists them), the
     * first model is Answer A about a quarter of the time, like every other label: the labels say
     * nothing about the model order. Another key gives another order for most tasks.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void over_many_tasks_each_label_is_equally_likely_for_the_first_model_and_another_key_reorders(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Labels labels = new Labels(key(r)), other = new Labels(key(r));
        int tasks = 2_000;
        int[] position = new int[4];
        int sameUnderOtherKey = 0;
        for (int t = 0; t < tasks; t++) {
            List<String> inModelOrder = ids(r, 4);
            String task = new UUID(r.nextLong(), r.nextLong()).toString();
            List<String> order = labels.order(task, inModelOrder);
            position[order.indexOf(inModelOrder.get(0))]++;
            if (order.equals(other.order(task, inModelOrder))) sameUnderOtherKey++;
        }
        // 500 expected per label; ±110 is more than five standard deviations (sd ≈ 19.4)
        for (int p : position) assertThat(p).isBetween(390, 610);
        // 1 in 24 orders agree by chance: about 83 of 2,000
        assertThat(sameUnderOtherKey).isLessThan(200);
    }
}
