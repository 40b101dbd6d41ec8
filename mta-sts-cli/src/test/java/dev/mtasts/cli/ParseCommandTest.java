package dev.mtasts.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ParseCommandTest {

    @TempDir
    Path directory;

    private record Run(int exitCode, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    private static Run parse(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = MtaStsCommand.newCommandLine()
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(arguments);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private Path file(String content) throws Exception {
        return Files.writeString(directory.resolve("policy.txt"), content);
    }

    @Test
    void validPolicyFile() throws Exception {
        Path policy = file("version: STSv1\nmode: testing\nmx: mx.example.com\nmax_age: 86400\n");

        Run run = parse("parse", "--json", policy.toString());

        assertThat(run.exitCode()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("valid").asBoolean()).isTrue();
        assertThat(json.at("/policy/mode").asText()).isEqualTo("testing");
        assertThat(json.at("/policy/mx/0").asText()).isEqualTo("mx.example.com");
        assertThat(json.at("/policy/max_age").asLong()).isEqualTo(86400);
        assertThat(json.get("record").isNull()).isTrue();
        assertThat(json.get("errors")).isEmpty();
        assertThat(json.fieldNames()).toIterable().containsExactly("valid", "policy", "record", "errors");
    }

    @Test
    void invalidPolicyListsEveryErrorWithItsLine() throws Exception {
        Path policy = file("version: STSv1\nmode: Enforce\nmax_age: 99999999999\n");

        Run run = parse("parse", "--json", policy.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.POLICY_ERROR);
        JsonNode json = run.json();
        assertThat(json.get("valid").asBoolean()).isFalse();
        assertThat(json.get("policy").isNull()).isTrue();
        assertThat(json.get("errors")).extracting(JsonNode::asText)
            .anyMatch(error -> error.startsWith("line 2: "))
            .anyMatch(error -> error.startsWith("line 3: "));
    }

    @Test
    void humanSummaryOfAnInvalidPolicy() throws Exception {
        Run run = parse("parse", file("version: STSv1\n").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.POLICY_ERROR);
        assertThat(run.out()).startsWith("invalid policy:").contains("mode");
    }

    @Test
    void validRecordWithExtensions() throws Exception {
        Run run = parse("parse", "--record", "--json", file("v=STSv1; id=20260101T1; ext=1;\n").toString());

        assertThat(run.exitCode()).isZero();
        JsonNode json = run.json();
        assertThat(json.at("/record/id").asText()).isEqualTo("20260101T1");
        assertThat(json.at("/record/extensions/ext").asText()).isEqualTo("1");
        assertThat(json.get("policy").isNull()).isTrue();
    }

    @Test
    void invalidRecord() throws Exception {
        Run run = parse("parse", "--record", file("v=STSv1; id=has-dash;").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.POLICY_ERROR);
        assertThat(run.out()).startsWith("invalid TXT record:").contains("id");
    }

    @Test
    void readsStandardInput() {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream("v=STSv1; id=1;".getBytes(StandardCharsets.UTF_8)));
        try {
            Run run = parse("parse", "--record", "-");

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("valid TXT record: v=STSv1; id=1;");
        } finally {
            System.setIn(original);
        }
    }

    @Test
    void missingFileIsAUsageError() {
        Run run = parse("parse", directory.resolve("absent.txt").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("cannot read");
    }

    @Test
    void oversizedFileIsRefused() throws Exception {
        Path big = file("x".repeat(ParseCommand.MAX_INPUT_BYTES + 1));

        Run run = parse("parse", big.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("larger than");
    }

    @Test
    void invalidUtf8IsRefused() throws Exception {
        Path bad = Files.write(directory.resolve("bad.txt"), new byte[] {'v', ':', (byte) 0xC3, (byte) 0x28});

        Run run = parse("parse", bad.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("UTF-8");
    }

    @Test
    void noSubcommandIsAUsageError() {
        assertThat(parse().exitCode()).isEqualTo(ExitCodes.USAGE);
    }
}
