package mltutor.web;

import java.io.IOException;

/**
 * The client closed the connection while its response was being written: nobody is left to answer. The only
 * cause of a 499; a failure to read the server's own files is never reported this way.
 */
final class ClientGoneException extends RuntimeException {
    ClientGoneException(IOException cause) {
        super("the client closed the connection", cause);
    }
}
