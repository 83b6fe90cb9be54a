package mltutor.config;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerAccessTest {
    @Test
    void defaultsToLoopbackAndAddressesWithNoToken() {
        assertEquals(ServerAccess.localOnly(), ServerAccess.from(Map.of(), Map.of()));
    }

    @Test
    void readsHostNamesAndTheTokenAFlagWinning() {
        var access = ServerAccess.from(Map.of("TUTOR_ALLOWED_HOSTS", "a.example", "TUTOR_API_TOKEN", " 0123456789abcdef "),
                Map.of("TUTOR_ALLOWED_HOSTS", " Tutor.Example, ,box.lan "));
        assertEquals(List.of("tutor.example", "box.lan"), access.allowedHosts());
        assertEquals(Optional.of("0123456789abcdef"), access.apiToken());
    }

    @Test
    void refusesAGuessableToken() {
        var e = assertThrows(ConfigException.class, () -> ServerAccess.from(Map.of("TUTOR_API_TOKEN", "secret"), Map.of()));
        assertTrue(e.getMessage().startsWith("TUTOR_API_TOKEN: must be at least 16"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), "the value is never echoed");
    }
}
