package mltutor.config;

import static mltutor.config.Setting.ALLOWED_HOSTS;
import static mltutor.config.Setting.API_TOKEN;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Who may talk to the HTTP service: the host names its {@code Host} header may carry beyond loopback names and IP
 * addresses, and the bearer token API requests must send, if one is set. Kept apart from {@link TutorConfig}
 * because only {@code serve} uses it.
 *
 * @param allowedHosts extra host names, lower case, without port
 * @param apiToken     the bearer token; empty when requests need none
 */
public record ServerAccess(List<String> allowedHosts, Optional<String> apiToken) {
    public ServerAccess {
        allowedHosts = List.copyOf(allowedHosts);
    }

    /** Loopback names and IP addresses only, no token: the default, and what tests start. */
    public static ServerAccess localOnly() {
        return new ServerAccess(List.of(), Optional.empty());
    }

    /** Whether {@code serve} watches the corpus ({@link Setting#WATCH}), from the environment overridden by flags. */
    public static boolean watch(Map<String, String> env, Map<String, String> flags) {
        return new SettingValues(env, flags).get(Setting.WATCH, String.class).equals("on");
    }

    /** Reads the process environment, overridden by flags. */
    public static ServerAccess load(Map<String, String> flags) {
        return from(System.getenv(), flags);
    }

    /** Reads the given environment, overridden by flags (both keyed by {@link Setting#env()}). */
    public static ServerAccess from(Map<String, String> env, Map<String, String> flags) {
        var v = new SettingValues(env, flags);
        List<String> hosts = v.ifGiven(ALLOWED_HOSTS, String.class)
                .map(list -> Arrays.stream(list.split(","))
                        .map(h -> h.strip().toLowerCase(Locale.ROOT))
                        .filter(h -> !h.isEmpty())
                        .toList())
                .orElse(List.of());
        Optional<String> token = v.ifGiven(API_TOKEN, String.class).map(String::strip);
        if (token.isPresent() && token.get().length() < 16) {
            throw new ConfigException(API_TOKEN.env() + ": must be at least 16 characters, so it cannot be guessed");
        }
        return new ServerAccess(hosts, token);
    }
}
