package autobench.bench;

import autobench.dispatch.Provenance;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.Executors;

/**
 * The crash test's provider: an OpenAI-compatible chat completions endpoint on loopback that
 * answers every request after 0.5–8 s (uniform), one in ten with 429, 500 or 503 instead of an
 * answer. Every request it answered is one JSON line in the log, keyed by the (model, prompt hash)
 * it can derive from the request — the same hash the database stores as {@code prompt_sha256} —
 * so a checker can count answers given twice for one (task, model) and requests missing from the
 * call ledger.
 *
 * <pre>ChaosStub PORT_FILE LOG_FILE SEED [MIN_MS MAX_MS FAULT_RATE]</pre>
 */
public final class ChaosStub {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int[] FAULTS = {429, 500, 503};

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: ChaosStub PORT_FILE LOG_FILE SEED [MIN_MS MAX_MS FAULT_RATE]");
            System.exit(2);
        }
        Path portFile = Path.of(args[0]);
        Path logFile = Path.of(args[1]);
        Random random = new Random(Long.parseLong(args[2]));
        long minMs = args.length > 3 ? Long.parseLong(args[3]) : 500;
        long maxMs = args.length > 4 ? Long.parseLong(args[4]) : 8_000;
        double faultRate = args.length > 5 ? Double.parseDouble(args[5]) : 0.10;
        Writer log = Files.newBufferedWriter(
                logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", ex -> {
            long delay;
            int status;
            synchronized (random) {
                delay = minMs + (long) (random.nextDouble() * (maxMs - minMs));
                status = random.nextDouble() < faultRate ? FAULTS[random.nextInt(FAULTS.length)] : 200;
            }
            answer(ex, delay, status, log);
        });
        server.start();
        Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
        Files.writeString(tmp, Integer.toString(server.getAddress().getPort()));
        Files.move(tmp, portFile, StandardCopyOption.ATOMIC_MOVE);
        System.err.println("chaos stub on port " + server.getAddress().getPort() + ", latency " + minMs + "–" + maxMs
                + " ms, faults " + faultRate);
        Thread.currentThread().join();
    }

    private static void answer(HttpExchange ex, long delay, int status, Writer log) throws IOException {
        long received = System.currentTimeMillis();
        String model = "?";
        String prompt = "?";
        try {
            JsonNode req = JSON.readTree(ex.getRequestBody());
            model = req.path("model").asText("?");
            String system = "";
            String user = "";
            for (JsonNode m : req.path("messages")) {
                if (m.path("role").asText().equals("system"))
                    system = m.path("content").asText();
                if (m.path("role").asText().equals("user"))
                    user = m.path("content").asText();
            }
            prompt = Provenance.promptHash(system, user);
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            status = 400; // the body never arrived whole (the caller died while sending it)
        }
        byte[] body = (status == 200 ? completion(model, prompt) : error(status)).getBytes(StandardCharsets.UTF_8);
        boolean delivered = true;
        try {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            if (status == 429 || status == 503) ex.getResponseHeaders().set("Retry-After", "1");
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            delivered = false; // the caller is gone (killed mid-call): the answer was produced but never arrived
        } finally {
            ex.close();
        }
        ObjectNode line = JSON.createObjectNode()
                .put("received", received)
                .put("answered", System.currentTimeMillis())
                .put("model", model)
                .put("prompt_sha256", prompt)
                .put("status", status)
                .put("delivered", delivered);
        synchronized (log) {
            log.write(JSON.writeValueAsString(line) + "\n");
            log.flush();
        }
    }

    private static String completion(String model, String prompt) throws IOException {
        String html = "<!doctype html><title>" + model + "</title><canvas id=c></canvas><script>/* " + prompt
                + " */ const x = document.getElementById('c').getContext('2d'); requestAnimationFrame(function f(t) {"
                + " x.fillRect(t % 300, 10, 20, 20); requestAnimationFrame(f); });</script>";
        ObjectNode root = JSON.createObjectNode()
                .put("id", "chatcmpl-chaos")
                .put("object", "chat.completion")
                .put("created", System.currentTimeMillis() / 1000)
                .put("model", model);
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", "Here it is:\n```html\n" + html + "\n```");
        root.putObject("usage")
                .put("prompt_tokens", 200)
                .put("completion_tokens", 400)
                .put("total_tokens", 600);
        return JSON.writeValueAsString(root);
    }

    private static String error(int status) {
        return "{\"error\":{\"message\":\"chaos stub says " + status + "\",\"type\":\""
                + (status == 429 ? "rate_limit_exceeded" : "server_error") + "\"}}";
    }
}
