package dev.mtasts.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mtasts.discovery.RecordSyntaxException;
import dev.mtasts.discovery.StsRecord;
import dev.mtasts.policy.Policy;
import dev.mtasts.policy.PolicyParser;
import dev.mtasts.policy.PolicySyntaxException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code mta-sts parse FILE}: is this policy text (or, with --record, this TXT record value) valid? */
@Command(name = "parse", mixinStandardHelpOptions = true,
    description = "Parse a policy file (RFC 8461 §3.2), or with --record a _mta-sts TXT record value (§3.1). "
        + "FILE '-' reads standard input.")
final class ParseCommand implements Callable<Integer> {

    /** The fetcher's cap (RFC 8461 §3.3 suggests 64 KiB); a larger local file is refused the same way. */
    static final int MAX_INPUT_BYTES = 64 * 1024;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE|-", description = "The policy file, or '-' for standard input.")
    String input;

    @Option(names = "--record", description = "The input is a TXT record value such as 'v=STSv1; id=20240101;'.")
    boolean record;

    @Option(names = "--json", description = "Print JSON instead of a summary.")
    boolean json;

    @Override
    public Integer call() {
        String text = readInput();
        ParseOutcome outcome = record ? parseRecord(text.strip()) : parsePolicy(text);
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? Json.print(toJson(outcome)) : summary(outcome));
        out.flush();
        return outcome.valid() ? ExitCodes.POLICY_FOUND : ExitCodes.POLICY_ERROR;
    }

    private record ParseOutcome(Optional<Policy> policy, Optional<StsRecord> record, List<String> errors) {
        boolean valid() {
            return errors.isEmpty();
        }
    }

    private static ParseOutcome parsePolicy(String text) {
        try {
            return new ParseOutcome(Optional.of(PolicyParser.parse(text)), Optional.empty(), List.of());
        } catch (PolicySyntaxException e) {
            return new ParseOutcome(Optional.empty(), Optional.empty(), e.errors());
        }
    }

    private static ParseOutcome parseRecord(String text) {
        try {
            return new ParseOutcome(Optional.empty(), Optional.of(StsRecord.parse(text)), List.of());
        } catch (RecordSyntaxException e) {
            return new ParseOutcome(Optional.empty(), Optional.empty(), List.of(e.getMessage()));
        }
    }

    private static ObjectNode toJson(ParseOutcome outcome) {
        ObjectNode node = Json.object();
        node.put("valid", outcome.valid());
        if (outcome.policy().isPresent()) {
            node.set("policy", Json.policy(outcome.policy().get()));
        } else {
            node.putNull("policy");
        }
        if (outcome.record().isPresent()) {
            node.set("record", Json.record(outcome.record().get()));
        } else {
            node.putNull("record");
        }
        ArrayNode errors = node.putArray("errors");
        outcome.errors().forEach(errors::add);
        return node;
    }

    private String summary(ParseOutcome outcome) {
        String what = record ? "TXT record" : "policy";
        if (!outcome.valid()) {
            return "invalid " + what + ":\n  " + String.join("\n  ", outcome.errors());
        }
        return outcome.policy().map(policy -> "valid policy:\n" + indent(policy.toString().strip()))
            .orElseGet(() -> "valid TXT record: " + outcome.record().orElseThrow());
    }

    private static String indent(String text) {
        return "  " + text.replace("\r\n", "\n").replace("\n", "\n  ");
    }

    private String readInput() {
        try (InputStream stream = input.equals("-") ? System.in : Files.newInputStream(Path.of(input))) {
            byte[] bytes = stream.readNBytes(MAX_INPUT_BYTES + 1);
            if (bytes.length > MAX_INPUT_BYTES) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                    input + " is larger than " + MAX_INPUT_BYTES + " bytes, the most a policy host may serve");
            }
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), input + " is not valid UTF-8");
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot read " + input + ": " + e);
        }
    }
}
