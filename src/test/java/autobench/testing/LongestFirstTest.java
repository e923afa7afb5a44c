package autobench.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Test;

class LongestFirstTest {
    static class Short {}

    static class Long {}

    static class Unlisted1 {}

    static class Unlisted2 {}

    record Descriptor(Class<?> type) implements ClassDescriptor {
        @Override
        public Class<?> getTestClass() {
            return type;
        }

        @Override
        public String getDisplayName() {
            return type.getSimpleName();
        }

        @Override
        public boolean isAnnotated(Class<? extends Annotation> annotationType) {
            return false;
        }

        @Override
        public <A extends Annotation> Optional<A> findAnnotation(Class<A> annotationType) {
            return Optional.empty();
        }

        @Override
        public <A extends Annotation> List<A> findRepeatableAnnotations(Class<A> annotationType) {
            return List.of();
        }
    }

    static List<String> order(LongestFirst orderer, Class<?>... classes) {
        List<ClassDescriptor> list = new ArrayList<>();
        for (Class<?> c : classes) list.add(new Descriptor(c));
        orderer.orderClasses(new ClassOrdererContext() {
            @Override
            public List<? extends ClassDescriptor> getClassDescriptors() {
                return list;
            }

            @Override
            public Optional<String> getConfigurationParameter(String key) {
                return Optional.empty();
            }
        });
        return list.stream().map(d -> d.getTestClass().getSimpleName()).toList();
    }

    @Test
    void the_longest_listed_class_starts_first_and_unlisted_ones_keep_their_found_order_after() {
        var orderer = new LongestFirst(Map.of(Short.class.getName(), 3.5, Long.class.getName(), 70.0));
        assertThat(order(orderer, Unlisted1.class, Short.class, Unlisted2.class, Long.class))
                .containsExactly("Long", "Short", "Unlisted1", "Unlisted2");
    }

    @Test
    void the_list_on_the_test_classpath_names_the_slow_corpora_and_only_classes_that_exist() throws Exception {
        var seconds = LongestFirst.read(LongestFirst.class.getResourceAsStream(LongestFirst.SECONDS));
        assertThat(seconds).containsKeys("autobench.render.RealisticCorpusTest", "autobench.render.AnswersCorpusTest");
        for (String name : seconds.keySet()) {
            assertThat(Class.forName(name))
                    .as("listed in test-class-seconds.txt")
                    .isNotNull();
        }
    }

    @Test
    void a_malformed_line_names_its_number_and_what_was_wrong() {
        var in = new ByteArrayInputStream("# comment\n12 a.B\nfast a.C\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> LongestFirst.read(in))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("'fast' is not a number");
    }

    @Test
    void without_a_list_the_found_order_stays() {
        var orderer = new LongestFirst(LongestFirst.read(null));
        assertThat(order(orderer, Unlisted2.class, Short.class, Unlisted1.class))
                .containsExactly("Unlisted2", "Short", "Unlisted1");
    }
}
