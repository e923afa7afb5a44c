package autobench.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FontsTest {
    @Test
    void a_host_with_only_dejavu_is_told_it_lacks_emoji_and_cjk_fonts_with_their_packages() {
        var missing = Fonts.missing("DejaVu Sans\nDejaVu Sans Mono\nDejaVu Serif\n");
        assertThat(missing)
                .extracting(Fonts.Needed::debianPackage)
                .containsExactly("fonts-noto-color-emoji", "fonts-noto-cjk");
    }

    @Test
    void a_host_with_noto_emoji_and_cjk_lacks_nothing() {
        assertThat(Fonts.missing("DejaVu Sans\nNoto Color Emoji\nNoto Sans CJK JP,Noto Sans CJK JP Regular\n"))
                .isEmpty();
    }
}
