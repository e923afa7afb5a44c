package autobench.provider.local;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a tiny llama-architecture GGUF (v3, all tensors F32) with random weights, so the local
 * provider is tested on a real llama.cpp load without shipping or downloading weights.
 *
 * <p>The vocabulary is SentencePiece-style: {@code <unk>}, {@code <s>}, {@code </s>} and the 256
 * byte tokens, so any text tokenises by byte fallback. The weights are random except for one
 * steering dimension: every embedding carries a large constant in dimension 0, and the output
 * matrix reads that dimension to push {@code </s>} far down and printable ASCII up. That makes
 * a generation run until the token limit (the behaviour under test) and keeps the text valid UTF-8.
 */
final class TinyGguf {
    private TinyGguf() {}

    static final int EMBD = 32, HEADS = 4, FF = 64, LAYERS = 1, CONTEXT = 512;
    static final int VOCAB = 3 + 256;
    private static final int ALIGN = 32;
    private static final int T_UINT32 = 4, T_INT32 = 5, T_FLOAT32 = 6, T_STRING = 8, T_ARRAY = 9;

    static Path write(Path file, long seed) throws IOException {
        return write(file, seed, false);
    }

    /** @param stopsAtOnce steer towards {@code </s>} instead of away from it: every answer is empty */
    static Path write(Path file, long seed, boolean stopsAtOnce) throws IOException {
        Random rnd = new Random(seed);
        Map<String, Object[]> kv = new LinkedHashMap<>(); // key -> {type, value}
        kv.put("general.architecture", new Object[] {T_STRING, "llama"});
        kv.put("general.name", new Object[] {T_STRING, "autobench-tiny-random"});
        kv.put("general.file_type", new Object[] {T_UINT32, 0});
        kv.put("llama.context_length", new Object[] {T_UINT32, CONTEXT});
        kv.put("llama.embedding_length", new Object[] {T_UINT32, EMBD});
        kv.put("llama.block_count", new Object[] {T_UINT32, LAYERS});
        kv.put("llama.feed_forward_length", new Object[] {T_UINT32, FF});
        kv.put("llama.attention.head_count", new Object[] {T_UINT32, HEADS});
        kv.put("llama.attention.head_count_kv", new Object[] {T_UINT32, HEADS});
        kv.put("llama.rope.dimension_count", new Object[] {T_UINT32, EMBD / HEADS});
        kv.put("llama.attention.layer_norm_rms_epsilon", new Object[] {T_FLOAT32, 1e-5f});
        List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        for (int b = 0; b < 256; b++) tokens.add(String.format("<0x%02X>", b));
        float[] scores = new float[VOCAB];
        int[] types = new int[VOCAB];
        types[0] = 2; // unknown
        types[1] = 3; // control
        types[2] = 3;
        for (int i = 3; i < VOCAB; i++) types[i] = 6; // byte
        kv.put("tokenizer.ggml.model", new Object[] {T_STRING, "llama"});
        kv.put("tokenizer.ggml.tokens", new Object[] {T_ARRAY, tokens});
        kv.put("tokenizer.ggml.scores", new Object[] {T_ARRAY, scores});
        kv.put("tokenizer.ggml.token_type", new Object[] {T_ARRAY, types});
        kv.put("tokenizer.ggml.unknown_token_id", new Object[] {T_UINT32, 0});
        kv.put("tokenizer.ggml.bos_token_id", new Object[] {T_UINT32, 1});
        kv.put("tokenizer.ggml.eos_token_id", new Object[] {T_UINT32, 2});

        Map<String, long[]> shapes = new LinkedHashMap<>();
        Map<String, float[]> data = new LinkedHashMap<>();
        float[] embd = random(rnd, EMBD * VOCAB, 0.02f);
        for (int t = 0; t < VOCAB; t++) embd[t * EMBD] = 4f;
        put(shapes, data, "token_embd.weight", embd, EMBD, VOCAB);
        put(shapes, data, "output_norm.weight", ones(EMBD), EMBD);
        float[] out = random(rnd, EMBD * VOCAB, 0.02f);
        for (int t = 0; t < VOCAB; t++) {
            int b = t - 3;
            out[t * EMBD] = t == 2 ? (stopsAtOnce ? 10f : -10f) : (b >= 0x20 && b < 0x7F ? 1f : 0f);
        }
        put(shapes, data, "output.weight", out, EMBD, VOCAB);
        for (int l = 0; l < LAYERS; l++) {
            String p = "blk." + l + ".";
            put(shapes, data, p + "attn_norm.weight", ones(EMBD), EMBD);
            put(shapes, data, p + "attn_q.weight", random(rnd, EMBD * EMBD, 0.02f), EMBD, EMBD);
            put(shapes, data, p + "attn_k.weight", random(rnd, EMBD * EMBD, 0.02f), EMBD, EMBD);
            put(shapes, data, p + "attn_v.weight", random(rnd, EMBD * EMBD, 0.02f), EMBD, EMBD);
            put(shapes, data, p + "attn_output.weight", random(rnd, EMBD * EMBD, 0.02f), EMBD, EMBD);
            put(shapes, data, p + "ffn_norm.weight", ones(EMBD), EMBD);
            put(shapes, data, p + "ffn_gate.weight", random(rnd, EMBD * FF, 0.02f), EMBD, FF);
            put(shapes, data, p + "ffn_up.weight", random(rnd, EMBD * FF, 0.02f), EMBD, FF);
            put(shapes, data, p + "ffn_down.weight", random(rnd, FF * EMBD, 0.02f), FF, EMBD);
        }

        Out o = new Out();
        o.bytes("GGUF".getBytes(StandardCharsets.US_ASCII));
        o.u32(3);
        o.u64(data.size());
        o.u64(kv.size());
        kv.forEach((k, v) -> {
            o.str(k);
            o.u32((int) v[0]);
            o.value((int) v[0], v[1]);
        });
        long offset = 0;
        for (var e : data.entrySet()) {
            o.str(e.getKey());
            long[] shape = shapes.get(e.getKey());
            o.u32(shape.length);
            for (long d : shape) o.u64(d);
            o.u32(0); // GGML_TYPE_F32
            o.u64(offset);
            offset = align(offset + 4L * e.getValue().length);
        }
        o.pad();
        for (float[] t : data.values()) {
            for (float f : t) o.f32(f);
            o.pad();
        }
        try (OutputStream s = Files.newOutputStream(file)) {
            s.write(o.buf.array(), 0, o.buf.position());
        }
        return file;
    }

    private static void put(
            Map<String, long[]> shapes, Map<String, float[]> data, String name, float[] values, long... shape) {
        shapes.put(name, shape);
        data.put(name, values);
    }

    private static float[] random(Random rnd, int n, float scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) rnd.nextGaussian() * scale;
        return a;
    }

    private static float[] ones(int n) {
        float[] a = new float[n];
        Arrays.fill(a, 1f);
        return a;
    }

    private static long align(long n) {
        return (n + ALIGN - 1) / ALIGN * ALIGN;
    }

    /** Little-endian writer; the file is small enough to build in memory. */
    private static final class Out {
        final ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);

        void bytes(byte[] b) {
            buf.put(b);
        }

        void u32(int v) {
            buf.putInt(v);
        }

        void u64(long v) {
            buf.putLong(v);
        }

        void f32(float v) {
            buf.putFloat(v);
        }

        void str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u64(b.length);
            bytes(b);
        }

        void pad() {
            while (buf.position() % ALIGN != 0) buf.put((byte) 0);
        }

        @SuppressWarnings("unchecked")
        void value(int type, Object v) {
            switch (type) {
                case T_UINT32, T_INT32 -> u32((Integer) v);
                case T_FLOAT32 -> f32((Float) v);
                case T_STRING -> str((String) v);
                case T_ARRAY -> {
                    if (v instanceof List<?> l) {
                        u32(T_STRING);
                        u64(l.size());
                        ((List<String>) l).forEach(this::str);
                    } else if (v instanceof float[] f) {
                        u32(T_FLOAT32);
                        u64(f.length);
                        for (float x : f) f32(x);
                    } else if (v instanceof int[] ints) {
                        u32(T_INT32);
                        u64(ints.length);
                        for (int x : ints) u32(x);
                    }
                }
                default -> throw new IllegalArgumentException("type " + type);
            }
        }
    }
}
