package autobench.provider.demo;

import java.util.Random;

/**
 * Stable numbers from text. {@link String#hashCode} is too weak to spread similar prompts apart,
 * so: FNV-1a over the characters, then a SplitMix64 finaliser. Both are fixed algorithms, and
 * {@link Random}'s generator is specified too, so the same prompt gives the same program on every JVM.
 */
final class Seed {
    private Seed() {}

    static long of(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        return finish(h);
    }

    static long mix(long a, long b) {
        return finish(a ^ (b * 0x9E3779B97F4A7C15L) ^ 0x632BE59BD9B4E019L);
    }

    static Random random(long a, long b) {
        return new Random(mix(a, b));
    }

    private static long finish(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
