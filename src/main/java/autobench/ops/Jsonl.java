package autobench.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;

/** JSON Lines in and out: one object per line, written through a digest so the manifest costs no second read. */
final class Jsonl {
    static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private Jsonl() {}

    /** Writes one JSONL file, counting rows and hashing bytes as they go. */
    static final class Writer implements AutoCloseable {
        private final String path;
        private final DigestOutputStream out;
        private final CountingStream counter;
        private long rows;

        Writer(Path dir, String path) throws IOException {
            this.path = path;
            Path f = dir.resolve(path);
            Files.createDirectories(f.getParent());
            this.counter = new CountingStream(new BufferedOutputStream(Files.newOutputStream(f), 1 << 16));
            this.out = new DigestOutputStream(counter, sha256());
        }

        void write(Map<String, Object> row) {
            try {
                JSON.writeValue(out, row);
                out.write('\n');
                rows++;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + path, e);
            }
        }

        long rows() {
            return rows;
        }

        /** Closes the file and describes it for the manifest. */
        Manifest.Entry finish() throws IOException {
            out.close();
            return new Manifest.Entry(
                    path, HexFormat.of().formatHex(out.getMessageDigest().digest()), counter.count, rows);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** The rows of a JSONL file, read one at a time (the file is closed when the last row has been read). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Iterator<Map<String, Object>> read(Path file) {
        try {
            MappingIterator<Map> it = JSON.readerFor(Map.class).readValues(file.toFile());
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    boolean more = it.hasNext();
                    if (!more) {
                        try {
                            it.close();
                        } catch (IOException ignored) {
                            // reading is finished; nothing to lose
                        }
                    }
                    return more;
                }

                @Override
                public Map<String, Object> next() {
                    return it.next();
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
