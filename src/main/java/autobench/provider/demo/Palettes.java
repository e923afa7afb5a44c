package autobench.provider.demo;

import java.util.List;
import java.util.Random;

/** Colour sets for the programs: the first colour is the background, the last the text and highlights. */
final class Palettes {
    private Palettes() {}

    private static final List<List<String>> ALL = List.of(
            List.of("#0c1024", "#ff6f61", "#ffc94a", "#4fd1e8", "#2ecc8f", "#f4f6fb"),
            List.of("#140628", "#7d35c4", "#c483f7", "#e6b8ff", "#5b1d98", "#fdfbff"),
            List.of("#f8f1de", "#db3a48", "#1f3a5c", "#4d86a8", "#f2a35e", "#17181c"),
            List.of("#03141c", "#0d9499", "#8fd0bd", "#ec9a0a", "#c8650d", "#ecdcae"),
            List.of("#171717", "#f2298a", "#49c6ef", "#b01ba0", "#4760ea", "#fafafa"),
            List.of("#eff8ee", "#274a57", "#2c9c8e", "#e8c26d", "#e27153", "#1a1a1a"),
            List.of("#0e1b2b", "#445c7a", "#7b8fab", "#dfe1dc", "#f8a516", "#ffffff"),
            List.of("#2a2c41", "#8c98ad", "#ec2a3f", "#f0e6d8", "#63b7af", "#eef2f4"),
            List.of("#0a1d16", "#2e6b50", "#56b68a", "#98d4b4", "#d6f2dc", "#ffffff"),
            List.of("#fff7e8", "#f70a6f", "#f75a0f", "#fdbd12", "#3b84fb", "#162040"));

    static List<String> pick(Random rnd) {
        return ALL.get(rnd.nextInt(ALL.size()));
    }

    /** The palette as a JavaScript array literal. */
    static String js(List<String> palette) {
        StringBuilder b = new StringBuilder("[");
        for (String c : palette)
            b.append(b.length() > 1 ? ", " : "").append('\'').append(c).append('\'');
        return b.append(']').toString();
    }
}
