package dev.mtasts.james.config;

import java.util.Objects;

/** A value in {@code mta-sts.properties} that cannot be used. The message names the file, the key and the problem. */
public final class InvalidSettingException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String key;

    public InvalidSettingException(String key, String problem) {
        super(MtaStsSettings.FILE_NAME + ".properties: " + key + ": " + problem);
        this.key = Objects.requireNonNull(key, "key");
    }

    /** The offending key. */
    public String key() {
        return key;
    }
}
