package autobench.render;

import com.microsoft.playwright.PlaywrightException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PageClockTest {
    @Test
    void an_error_thrown_by_a_page_timer_is_reported_as_the_pages_own_message() {
        var e = new PlaywrightException("""
                Error {
                  message='TypeError: thrown from a timer
                    at https://render.autobench.invalid/:6:26
                    at ClockController._callFirstTimer (<anonymous>:285:20)
                    at async ClockController.runFor (<anonymous>:110:5)
                  name='Error
                  stack='Error: TypeError: thrown from a timer""");
        assertThat(PageClock.pageMessage(e))
                .isEqualTo("TypeError: thrown from a timer\n    at https://render.autobench.invalid/:6:26");
    }

    @Test
    void a_message_in_another_shape_is_kept_whole() {
        assertThat(PageClock.pageMessage(new PlaywrightException(" something else "))).isEqualTo("something else");
    }
}
