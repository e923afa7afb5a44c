package autobench.task;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** PLACEHOLDER until the real library lands. */
public final class BuiltinLibrary implements TaskGenerator {
    @Override
    public Generated generate(LocalDate day, int count, List<TaskSpec> history) {
        List<TaskSpec> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Category c = Category.values()[(day.getDayOfYear() + i) % Category.values().length];
            String title = "Placeholder " + day + " #" + i;
            out.add(new TaskSpec(title, c, "# " + title + "\nBuild something.", "placeholder-" + i));
        }
        return new Generated(out, "builtin", null);
    }
}
