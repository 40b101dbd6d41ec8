package dev.mtasts.dns;

import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/** A resolver for unit tests: a response per question ({@code "TLSA _25._tcp.mx.test."}), or a timeout. */
final class ScriptedResolver implements Resolver {

    private final Map<String, Function<Message, Message>> script = new HashMap<>();
    final List<Message> queries = new ArrayList<>();

    ScriptedResolver on(String question, Function<Message, Message> response) {
        script.put(question, response);
        return this;
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query, Executor executor) {
        synchronized (queries) {
            queries.add(query);
        }
        Record question = query.getQuestion();
        String key = Type.string(question.getType()) + " " + question.getName();
        Function<Message, Message> response = script.get(key);
        CompletableFuture<Message> future = new CompletableFuture<>();
        if (response == null) {
            future.completeExceptionally(new SocketTimeoutException("no script for " + key));
        } else {
            future.complete(response.apply(query));
        }
        return future;
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query) {
        return sendAsync(query, Runnable::run);
    }

    @Override
    public void setPort(int port) {
    }

    @Override
    public void setTCP(boolean flag) {
    }

    @Override
    public void setIgnoreTruncation(boolean flag) {
    }

    @Override
    public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
    }

    @Override
    public void setTSIGKey(TSIG key) {
    }

    @Override
    public void setTimeout(Duration timeout) {
    }

    @Override
    public String toString() {
        return "scripted resolver";
    }
}
