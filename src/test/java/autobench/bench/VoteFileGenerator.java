package autobench.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Writes a synthetic, seeded votes file for benchmarks: random pairs and sides, outcomes drawn from
 * a Bradley–Terry model with strengths spread over about 800 Elo points, 10 % ties and 5 % both-bad,
 * seven categories and dates spread over a year. Usage: FILE LINES MODELS SEED.
 */
public final class VoteFileGenerator {
    private static final String[] CATEGORIES = {
        "animation", "interactive_toy", "game", "data_visualisation", "generative_art", "simulation", "ui_widget"
    };

    private VoteFileGenerator() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: VoteFileGenerator FILE LINES MODELS SEED");
            System.exit(2);
        }
        write(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]));
    }

    public static void write(Path file, int lines, int models, long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] strength = new double[models];
        for (int i = 0; i < models; i++) strength[i] = rng.nextDouble(-2.3, 2.3);
        LocalDate start = LocalDate.of(2025, 1, 1);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int k = 0; k < lines; k++) {
                int i = rng.nextInt(models), j = rng.nextInt(models - 1);
                if (j >= i) j++;
                double u = rng.nextDouble();
                String winner = u < 0.10
                        ? "tie"
                        : u < 0.15
                                ? "both_bad"
                                : rng.nextDouble() < 1 / (1 + Math.exp(strength[j] - strength[i])) ? "left" : "right";
                // dates rise with the line number, as in an export ordered by time
                LocalDate day = start.plusDays((long) k * 365 / lines);
                out.write("{\"left\":\"model-" + i + "\",\"right\":\"model-" + j + "\",\"winner\":\"" + winner
                        + "\",\"category\":\"" + CATEGORIES[rng.nextInt(CATEGORIES.length)] + "\",\"date\":\"" + day
                        + "\"}\n");
            }
        }
    }
}
