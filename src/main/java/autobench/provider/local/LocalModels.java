package autobench.provider.local;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.LogLevel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.LogFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Holds the one GGUF model loaded in this process. Weights take gigabytes and llama.cpp's
 * backend is process-global, so a second model replaces the first instead of joining it, and
 * generations run one at a time. This is the one piece of shared mutable state in the provider
 * package; {@link #shared()} exists because the native library itself is shared per process.
 */
public final class LocalModels implements AutoCloseable {
    private static final LocalModels SHARED = new LocalModels();
    private static final System.Logger LOG = System.getLogger("autobench.provider.local");

    /** What identifies a loaded model: the same file with other settings is a reload. */
    record Spec(Path path, int contextSize, int threads) {}

    private final ReentrantLock lock = new ReentrantLock();
    private Spec loadedSpec;
    private LlamaModel loaded;

    public static LocalModels shared() {
        return SHARED;
    }

    /** Thrown when the model stays busy with another call for longer than this call may wait. */
    static final class Busy extends Exception {
        Busy() {
            super("another local generation is still running", null, false, false);
        }
    }

    /** Runs {@code work} with the model of {@code spec} loaded, loading it (and dropping any other) first. */
    <T> T with(Spec spec, Duration maxWait, Function<LlamaModel, T> work) throws Busy, InterruptedException {
        if (!lock.tryLock(Math.max(0, maxWait.toMillis()), TimeUnit.MILLISECONDS)) throw new Busy();
        try {
            if (!spec.equals(loadedSpec)) {
                unload();
                quietNativeLogs();
                loaded = new LlamaModel(new ModelParameters()
                        .setModel(spec.path().toString())
                        .setCtxSize(spec.contextSize())
                        .setThreads(spec.threads())
                        .setParallel(1));
                loadedSpec = spec;
            }
            return work.apply(loaded);
        } finally {
            lock.unlock();
        }
    }

    /** The spec of the model in memory, or {@code null}. */
    Spec loaded() {
        lock.lock();
        try {
            return loadedSpec;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            unload();
        } finally {
            lock.unlock();
        }
    }

    private void unload() {
        if (loaded != null) loaded.close();
        loaded = null;
        loadedSpec = null;
    }

    /** llama.cpp prints every tensor it loads; keep only its warnings and errors. */
    private static void quietNativeLogs() {
        LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> {
            if (level == LogLevel.WARN || level == LogLevel.ERROR)
                LOG.log(System.Logger.Level.WARNING, message.strip());
        });
    }
}
