package dev.mtasts.james.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Reads {@code mta-sts.properties} as written: Java properties syntax in UTF-8, every value one string. James'
 * {@code PropertiesProvider} splits values at commas (and drops the spaces around them), which turns
 * {@code reports.organizationName=Example, Inc.} into {@code Example,Inc.}; the keys that are lists
 * ({@code dns.servers}, {@code trust.pemFiles}, {@code reports.inbound.domains}) are split by the settings parser
 * itself.
 */
public final class MtaStsPropertiesFile {

    private MtaStsPropertiesFile() {
    }

    /** The file's keys and values; empty when there is no file. */
    public static Optional<Map<String, String>> read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            // a malformed \\uXXXX escape
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            values.put(key, properties.getProperty(key));
        }
        return Optional.of(values);
    }
}
