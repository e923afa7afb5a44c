package autobench.provider.demo;

import autobench.provider.Completion;
import autobench.provider.Finish;
import autobench.provider.ModelConfig;
import autobench.provider.Prompt;
import autobench.provider.Provider;
import autobench.provider.Usage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The demo provider. It is not an AI model: it writes a canvas program chosen by a hash of the
 * task's prompt (what to vary) and the model name (which of the {@link #STYLES} to draw in), and
 * wraps it in one of the reply forms real models use, so that a machine with no keys runs the
 * whole daily cycle, extraction paths included. Same prompt and model, same reply; no I/O, no sleep.
 */
public final class DemoProvider implements Provider {

    /** The demo model names a config can offer, one per visual style. */
    public static final List<String> STYLES = Style.NAMES;

    /** What the demo reports as its model version: it must never pass for a real model. */
    public static final String MODEL_VERSION = "demo-1 (not an AI model)";

    private final String name;
    private final Style style;
    private final ObjectMapper json = new ObjectMapper();

    public DemoProvider(ModelConfig model) {
        String n = model.model() != null && !model.model().isBlank() ? model.model() : model.id();
        this.name = n == null || n.isBlank() ? STYLES.get(0) : n;
        this.style = Style.forModel(name);
    }

    @Override
    public Completion complete(Prompt prompt) {
        long task = Seed.of(prompt.user());
        long who = Seed.of(name);
        Program program = Program.write(style, Program.titleOf(prompt.user()), Seed.random(task, who));
        ReplyShape shape = shapeFor(prompt);
        String text = Replies.write(shape, program, name, Seed.random(who, task));
        Usage usage = new Usage(tokens(prompt.system()) + tokens(prompt.user()), tokens(text), 0);
        return new Completion.Answered(text, "", Finish.STOP, usage, MODEL_VERSION, raw(text, usage));
    }

    /** The reply form for a prompt: fixed per (task, model), so every form turns up across tasks. */
    ReplyShape shapeFor(Prompt prompt) {
        return ReplyShape.of(Seed.mix(Seed.of(prompt.user()) ^ 0x5EEDL, Seed.of(name)));
    }

    /** About four characters per token, the usual rule of thumb for English and code. */
    private static long tokens(String text) {
        return (text.length() + 3) / 4;
    }

    /** A raw body in the spirit of an API reply, marked as a demo. */
    private String raw(String text, Usage usage) {
        ObjectNode root = json.createObjectNode();
        root.put("provider", "demo");
        root.put("note", "scripted demo reply, not an AI model");
        root.put("model", name);
        root.put("model_version", MODEL_VERSION);
        root.put("text", text);
        root.putObject("usage").put("input_tokens", usage.inputTokens()).put("output_tokens", usage.outputTokens());
        try {
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain strings always serialises", e);
        }
    }
}
