package mltutor.config;

/** Invalid configuration; the message is one line naming the setting and what is wrong with it. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
