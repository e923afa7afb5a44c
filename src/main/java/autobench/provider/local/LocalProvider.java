package autobench.provider.local;

import autobench.provider.Completion;
import autobench.provider.FailureKind;
import autobench.provider.Finish;
import autobench.provider.ModelConfig;
import autobench.provider.Options;
import autobench.provider.Prompt;
import autobench.provider.Provider;
import autobench.provider.Usage;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.Pair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * In-process llama.cpp on a GGUF file the operator names ({@code options.model_path}); the
 * project never downloads weights. Tokens are pulled one at a time so the call's timeout is
 * checked between tokens and the generation cancelled when it passes.
 */
public final class LocalProvider implements Provider {
    private final ModelConfig model;
    private final LocalModels models;
    private final LocalModels.Spec spec;
    private final LongSupplier nanoTime;

    public LocalProvider(ModelConfig model, LocalModels models) {
        this(model, models, System::nanoTime);
    }

    /** Tests pass a clock that runs fast, to see a generation cut off between tokens. */
    LocalProvider(ModelConfig model, LocalModels models, LongSupplier nanoTime) {
        this.model = model;
        this.models = models;
        this.nanoTime = nanoTime;
        String path = Options.string(model, "model_path", null);
        if (path == null || path.isBlank())
            throw new IllegalArgumentException("model '" + model.id() + "': provider local needs options.model_path");
        Integer ctx = Options.integer(model, "context_size");
        Integer threads = Options.integer(model, "threads");
        this.spec = new LocalModels.Spec(
                Path.of(path).toAbsolutePath().normalize(),
                ctx == null ? 4096 : ctx,
                threads == null ? Runtime.getRuntime().availableProcessors() : threads);
    }

    @Override
    public Completion complete(Prompt prompt) {
        if (!Files.isRegularFile(spec.path())) {
            return Completion.Failed.of(FailureKind.BAD_REQUEST, "model file not found: " + spec.path());
        }
        long deadline = nanoTime.getAsLong() + prompt.timeout().toNanos();
        try {
            return models.with(spec, prompt.timeout(), llama -> generate(llama, prompt, deadline));
        } catch (LocalModels.Busy busy) {
            return Completion.Failed.of(
                    FailureKind.TIMEOUT,
                    busy.getMessage() + "; waited " + prompt.timeout().toSeconds() + "s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Completion.Failed.of(FailureKind.NETWORK, "interrupted while waiting for the local model");
        } catch (RuntimeException e) {
            // LlamaException (package-private in the library): the file is no usable GGUF, or llama.cpp failed.
            return Completion.Failed.of(FailureKind.BAD_REQUEST, "llama.cpp: " + e.getMessage());
        }
    }

    private Completion generate(LlamaModel llama, Prompt prompt, long deadline) {
        String input = template(llama, prompt);
        long inputTokens = llama.encode(input).length;
        InferenceParameters params = new InferenceParameters(input)
                .setNPredict(prompt.maxOutputTokens())
                .setCachePrompt(false);
        if (prompt.temperature() != null)
            params.setTemperature(prompt.temperature().floatValue());
        Integer seed = Options.integer(model, "seed");
        if (seed != null) params.setSeed(seed);
        StringBuilder text = new StringBuilder();
        long generated = 0;
        LlamaIterator tokens = llama.generate(params).iterator();
        while (tokens.hasNext()) {
            if (nanoTime.getAsLong() - deadline > 0) {
                tokens.cancel();
                return new Completion.Failed(
                        FailureKind.TIMEOUT,
                        "local generation passed its " + prompt.timeout().toSeconds() + "s limit after " + generated
                                + " tokens",
                        0,
                        null,
                        text.toString());
            }
            LlamaOutput out = tokens.next();
            text.append(out.text);
            generated++;
        }
        // The library streams one result per sampled token (an end-of-sequence token arrives as an
        // empty one and counts, as in llama.cpp's own tally), then a final empty one that only marks
        // the stop and is not a token.
        long outputTokens = Math.max(0, generated - 1);
        Finish finish = outputTokens >= prompt.maxOutputTokens() ? Finish.LENGTH : Finish.STOP;
        String version = spec.path().getFileName().toString();
        return new Completion.Answered(
                text.toString(), "", finish, new Usage(inputTokens, outputTokens, 0), version, text.toString());
    }

    /** The model's own chat template when it has one (llama.cpp falls back to ChatML otherwise). */
    private static String template(LlamaModel llama, Prompt prompt) {
        try {
            return llama.applyTemplate(new InferenceParameters("")
                    .setMessages(prompt.system(), List.of(new Pair<>("user", prompt.user()))));
        } catch (RuntimeException noTemplate) {
            return prompt.system().isEmpty() ? prompt.user() : prompt.system() + "\n\n" + prompt.user();
        }
    }
}
