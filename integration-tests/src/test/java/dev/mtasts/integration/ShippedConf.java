package dev.mtasts.integration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The files of the conf-samples artifact, as shipped, read from the classpath. */
public final class ShippedConf {

    public static final String CONF = "conf-samples/conf";
    public static final String VARIANTS = "conf-samples/variants";

    private ShippedConf() {
    }

    /** Copies every file of {@code resourceDirectory} (e.g. {@link #CONF}) into {@code target}. */
    public static List<Path> copy(String resourceDirectory, Path target) {
        URL marker = ShippedConf.class.getClassLoader().getResource(resourceDirectory + "/extensions.properties");
        URL directory = marker != null ? marker
            : ShippedConf.class.getClassLoader().getResource(resourceDirectory);
        if (directory == null) {
            throw new IllegalStateException(resourceDirectory + " is not on the classpath");
        }
        try {
            Files.createDirectories(target);
            URI uri = directory.toURI();
            if (uri.getScheme().equals("jar")) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return copyFiles(jar.getPath("/" + resourceDirectory), target);
                }
            }
            Path path = Path.of(uri);
            return copyFiles(marker != null ? path.getParent() : path, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> copyFiles(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.list(source)) {
            List<Path> copied = files.filter(Files::isRegularFile).map(file -> {
                try {
                    return Files.copy(file, target.resolve(file.getFileName().toString()),
                        StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
            if (copied.isEmpty()) {
                throw new IllegalStateException("no files in " + source);
            }
            return copied;
        }
    }
}
